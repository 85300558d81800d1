# Copy to backends.vcl and list the app servers (gunicorn) and who may PURGE: the same hosts.
backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}
backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

acl purgers {
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
