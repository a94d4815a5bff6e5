"""The forum: a fan posts a thread with Markdown and an image, replies quoting it, likes it; a
moderator pins and features it; the fan sees the notifications and finds the thread by a
two-character Chinese word. Also: XSS payloads stay inert in a real browser."""
import pathlib
import struct
import tempfile
import time
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_account_journey import click_and_load, severe_console_errors, wait_for_next_page
from test_pyramid_journey import log_in, log_out

FAN, MODERATOR = "fan@canyu.example", "moderator@canyu.example"


def tiny_png():
    """A real 2×2 orange PNG, written to a temporary file for the file input."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x69\x00" * 2 for _ in range(2))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    path = pathlib.Path(tempfile.mkdtemp()) / "夜景.png"
    path.write_bytes(png)
    return str(path)


def open_details(browser, selector):
    details = browser.find_element(By.CSS_SELECTOR, selector)
    if not details.get_attribute("open"):
        details.find_element(By.TAG_NAME, "summary").click()
    return details


def test_fan_posts_moderator_pins_fan_is_notified_and_search_finds_it(browser, base_url, shoot):
    stamp = f"{browser.size_name}{int(time.time()) % 100000}"
    title = f"萤火夜景实拍 {stamp}"
    log_in(browser, base_url, FAN)
    browser.get(base_url + "/forum")
    shoot("30-forum")
    click_and_load(browser, By.LINK_TEXT, "日常使用")
    click_and_load(browser, By.ID, "new-thread")
    browser.find_element(By.ID, "thread-title").send_keys(title)
    browser.find_element(By.ID, "thread-body").send_keys("**萤火**一样的夜景，小米相机拍的。\n\n- 光圈 f/1.9\n- ISO 3200")
    browser.find_element(By.ID, "thread-images").send_keys(tiny_png())
    click_and_load(browser, By.ID, "post-thread")
    assert title in browser.find_element(By.ID, "thread-title").text
    first = browser.find_element(By.ID, "floor-1")
    assert first.find_element(By.CSS_SELECTOR, ".post-body strong").text == "萤火"
    image = first.find_element(By.CSS_SELECTOR, ".post-body img")
    assert "/uploads/" in image.get_attribute("src")
    assert browser.execute_script("return arguments[0].naturalWidth", image) == 2
    thread_url = browser.current_url.split("#")[0].split("?")[0]
    shoot("31-thread")

    # Reply quoting the first floor.
    click_and_load(browser, By.CSS_SELECTOR, "#floor-1 .post-actions a[href*='quote=']")
    assert "#1" in browser.find_element(By.ID, "reply-quote").text
    browser.find_element(By.ID, "reply-body").send_keys("同意楼主，夜景确实好。")
    click_and_load(browser, By.ID, "post-reply")
    second = browser.find_element(By.ID, "floor-2")
    assert "#1" in second.find_element(By.CSS_SELECTOR, "blockquote.quote").text

    # Like the first floor: the page's script updates the count in place.
    browser.get(thread_url)
    browser.find_element(By.CSS_SELECTOR, "#floor-1 form[data-like] button").click()
    WebDriverWait(browser, 5).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "#floor-1 .like-count").text == "1")
    log_out(browser)

    # A moderator pins and features it.
    log_in(browser, base_url, MODERATOR)
    browser.get(thread_url)
    open_details(browser, "#thread-moderation")
    click_and_load(browser, By.ID, "action-pin")
    open_details(browser, "#thread-moderation")
    click_and_load(browser, By.ID, "action-feature")
    assert browser.find_element(By.ID, "marker-pinned")
    assert browser.find_element(By.ID, "marker-featured")
    shoot("32-moderated")
    log_out(browser)

    # The fan sees the notifications.
    log_in(browser, base_url, FAN)
    assert int(browser.find_element(By.ID, "unread-count").text) >= 2
    click_and_load(browser, By.ID, "nav-notifications")
    items = browser.find_element(By.ID, "notification-list").text
    assert title in items
    shoot("33-notifications")

    # Search by a two-character Chinese word.
    browser.get(base_url + "/search")
    browser.find_element(By.ID, "search-q").send_keys("萤火")
    click_and_load(browser, By.ID, "search-submit")
    results = browser.find_elements(By.CSS_SELECTOR, ".search-hit")
    assert any(title in hit.text for hit in results)
    assert browser.find_elements(By.CSS_SELECTOR, ".search-hit mark")
    shoot("34-search")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert not severe_console_errors(browser)
    log_out(browser)


PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "\"><svg onload=\"window.__xss=1\">",
    "[click](javascript:window.__xss=1)",
    "![x\" onerror=\"window.__xss=1](/uploads/none.png)",
    "<details open ontoggle=\"window.__xss=1\">",
]


def test_xss_payloads_do_not_run(browser, base_url):
    log_in(browser, base_url, FAN)
    browser.get(base_url + "/forum")
    click_and_load(browser, By.LINK_TEXT, "灌水闲聊")
    click_and_load(browser, By.ID, "new-thread")
    browser.find_element(By.ID, "thread-title").send_keys("XSS " + PAYLOADS[1])
    browser.find_element(By.ID, "thread-body").send_keys("\n\n".join(PAYLOADS))
    click_and_load(browser, By.ID, "post-thread")
    # Give any handler a chance to fire, then check nothing ran and the text shows as text.
    links = browser.find_elements(By.CSS_SELECTOR, ".post-body a")
    for link in links:
        if "click" in link.text:
            link.click()
    time.sleep(0.5)
    assert browser.execute_script("return window.__xss") is None
    assert "<script>" in browser.find_element(By.ID, "floor-1").text
    browser.get(base_url + "/search?q=xss")
    time.sleep(0.3)
    assert browser.execute_script("return window.__xss") is None
    log_out(browser)
