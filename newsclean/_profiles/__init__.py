"""Site profiles: learn each site's recurring boilerplate from many of its pages, and remove it with evidence."""
