# Varnish in front of the app servers (docs/caching.md).
#
# - caches what the app marks shared-cacheable (Cache-Control: public, s-maxage=N), for N
#   seconds, and nothing else: no 404 (an unreleased edition's address becomes live later), no
#   response setting a cookie, nothing private;
# - strips cookies from anonymous requests: public pages do not read them;
# - never caches the admin, previews, review links, documents, or anything for a reader with a
#   session cookie (logged in): those go to the app as they are;
# - passes the probes (/healthz, /readyz, /metrics, /version) to the app, never cached;
# - accepts PURGE only from the app servers (acl purgers), which purge every URL that shows
#   what changed (oif_site/caching.py, through wagtail.contrib.frontend_cache).
#
# The app servers and the purgers are defined in backends.vcl, beside this file (an example
# is in backends.example.vcl); varnishd finds it through -p vcl_path.
vcl 4.1;

import directors;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is for the app servers only"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(healthz|readyz|version|metrics|ops/)") {
        # Probes: always asked of the app, never kept, never redirected. Through the proxy the
        # app gives the public answer only (X-Forwarded-For: never the allowlist), /metrics 404.
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|review|documents)(/|$|\?)") {
        return (pass);
    }
    if (req.url ~ "^/search/\?") {
        return (pass);  # results pages are personal and endless
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);  # a logged-in reader sees the site as it is, user bar and drafts' links
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    # One site: the path is the key, whatever Host the reader or the purger used.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.status != 200
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(?i)s-maxage") {
        # Not for us: do not store, and do not queue readers behind it for two minutes.
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # beresp.ttl comes from s-maxage. Grace: an expired (never a purged) page may be served
    # for a few seconds while it is fetched again.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
