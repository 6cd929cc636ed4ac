"""Recognition pages: thin views that fetch through `for_user()`, call a service and render.

One module per group of `urls.py`; public pages (notices, objections, recognised list, certificate
verification) need no sign-in.
"""
