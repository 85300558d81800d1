"""The public site as static files (`manage.py export_static`): every live page of released
editions, the feed, sitemap, robots.txt, the PDFs, and the static files and image renditions
they use, for any web server or S3 bucket to serve."""
