"""What the site's tests share (and the benchmarks in bench/ too).

paths      the repository, the built site, the sample answers file
servers    static servers on 127.0.0.1 (http.server, nginx, Apache with the published configs), Chromium's flags
html       a built page read into its parts
selfcheck  driving the self-check page as a secretary would
search     searching the site as a reader does
axe        axe-core's serious findings on a page
"""
