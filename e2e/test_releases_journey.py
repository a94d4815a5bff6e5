"""Releases: staff publish a build with a change linked to a fan's idea and promote it to the
weekly ring; the fan sees the notification, the credit and the idea shipped; a core fan (a
weekly tester) files the four-grid report; staff close the report and the results page shows
the Popcorn Award. Then the Atom feeds parse in a real feed parser."""
import time

import feedparser
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_account_journey import click_and_load, severe_console_errors
from test_pyramid_journey import log_in, log_out

FAN, STAFF, TESTER = "fan@canyu.example", "staff@canyu.example", "tester0007@canyu.example"


def test_publish_promote_credit_report_and_award(browser, base_url, shoot):
    stamp = f"{browser.size_name}{int(time.time() * 1000) % 10**9}"

    # The fan proposes the idea the build will answer.
    log_in(browser, base_url, FAN)
    browser.get(base_url + "/products/aurora-1/ideas/new")
    browser.find_element(By.ID, "idea-title").send_keys(f"相机支持手动对焦 {stamp}")
    click_and_load(browser, By.ID, "propose-idea")
    idea_url = browser.current_url
    idea_id = idea_url.rstrip("/").split("/")[-1]
    log_out(browser)

    # Staff create the build, add the change and a second one, and promote it to the weekly ring.
    log_in(browser, base_url, STAFF)
    browser.get(base_url + "/products/aurora-1/releases")
    shoot("50-product-releases")
    browser.find_element(By.CSS_SELECTOR, "#new-release summary").click()
    browser.find_element(By.ID, "release-version").send_keys(f"9.{stamp}")
    browser.find_element(By.ID, "release-notes").send_keys("本周**橙色星期五**")
    click_and_load(browser, By.ID, "create-release")
    release_url = browser.current_url.split("?")[0]
    for title, module, idea in ((f"手动对焦 {stamp}", "camera", idea_id), (f"充电更快 {stamp}", "battery", "")):
        browser.find_element(By.ID, "change-title").send_keys(title)
        Select(browser.find_element(By.ID, "change-module")).select_by_value(module)
        if idea:
            browser.find_element(By.ID, "change-idea").send_keys(idea)
        click_and_load(browser, By.ID, "add-change")
    Select(browser.find_element(By.ID, "promote-ring")).select_by_value("weekly")
    click_and_load(browser, By.ID, "promote")
    assert browser.find_element(By.ID, "release-ring").text in ("每周开发版", "weekly")
    assert "米粉小王" in browser.find_element(By.ID, "changelog").text
    shoot("51-published")
    log_out(browser)

    # The fan is told, credited, and sees the idea shipped.
    log_in(browser, base_url, FAN)
    click_and_load(browser, By.ID, "nav-notifications")
    assert f"相机支持手动对焦 {stamp}" in browser.find_element(By.TAG_NAME, "main").text
    click_and_load(browser, By.ID, "nav-standing")
    assert "想法已发布" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(idea_url)
    assert "已发布" in browser.find_element(By.TAG_NAME, "main").text
    shoot("52-fan-credited")
    log_out(browser)

    # A weekly tester files the four-grid report.
    log_in(browser, base_url, TESTER)
    browser.get(release_url)
    radios = browser.find_elements(By.CSS_SELECTOR, "input[name='liked_change_id']")
    radios[0].click()
    browser.find_elements(By.CSS_SELECTOR, "input[name='weak_change_id']")[1].click()
    browser.find_element(By.NAME, "anticipated_text").send_keys("夜景再亮一点")
    browser.find_elements(By.CSS_SELECTOR, "input[name='rating']")[4].click()
    shoot("53-report")
    click_and_load(browser, By.ID, "report-submit")
    assert browser.find_elements(By.ID, "notice")
    log_out(browser)

    # Staff close the report; the results show the Popcorn Award for the liked change.
    log_in(browser, base_url, STAFF)
    browser.get(release_url)
    click_and_load(browser, By.ID, "close-report")
    click_and_load(browser, By.ID, "results-link")
    award = browser.find_element(By.ID, "popcorn-award").text
    assert f"手动对焦 {stamp}" in award
    assert browser.find_elements(By.ID, "rating-trend")
    shoot("54-results")
    assert not severe_console_errors(browser)
    log_out(browser)


def test_release_feeds_parse_as_atom(base_url):
    for path in ("/releases.atom", "/products/aurora-os/releases.atom"):
        response = requests.get(base_url + path, timeout=30)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert feed.feed.title
        assert len(feed.entries) >= 10
        entry = feed.entries[0]
        assert entry.title and entry.link and entry.updated_parsed
        assert "<li>" in entry.content[0].value
