"""Paired rounds: two sides measured back to back in every round, alternating which goes first,
so that whatever else the machine does then weighs on both; a figure is the median of the
rounds' ratios, which a single busy moment cannot move."""

import statistics


def paired_rounds(count, measure, first, second):
    """[{first: measure(first), second: measure(second)}, …]: `count` rounds."""
    rounds = []
    for n in range(count):
        order = (first, second) if n % 2 == 0 else (second, first)
        rounds.append({side: measure(side) for side in order})
    return rounds


def median_ratio(rounds, side, reference, figure=lambda measured: measured):
    """(the median of side / reference over the rounds, each round's ratio)."""
    ratios = [figure(r[side]) / figure(r[reference]) for r in rounds]
    return statistics.median(ratios), ratios
