"""Bugs: a fan starts to report a bug, is offered a similar one and says "me too" instead; five
demo members (old accounts) say "me too" on another bug and it turns confirmed; staff mark it
fixed in a release; its reporter verifies the fix and sees the credits on "my standing"."""
import time

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_account_journey import click_and_load, severe_console_errors
from test_pyramid_journey import PASSWORD, log_in, log_out

FAN, STAFF = "fan@canyu.example", "staff@canyu.example"
PRODUCT = "aurora-1"


def api_token(base_url, email):
    response = requests.post(base_url + "/api/v1/tokens", json={"email": email, "password": PASSWORD, "label": "e2e bugs"}, timeout=30)
    response.raise_for_status()
    return response.json()["token"]


def file_bug(base_url, token, title, build):
    response = requests.post(
        base_url + f"/api/v1/products/{PRODUCT}/bugs", timeout=30, headers={"Authorization": f"Bearer {token}"},
        json={"title": title, "steps": "1. 打开蓝牙\n2. 连接耳机\n3. 播放音乐", "build": str(build), "device_model": "Aurora 14", "frequency": "often"})
    assert response.status_code == 201, response.text
    return response.json()["bug"]["id"]


def test_me_too_instead_of_a_report_crowd_confirmation_fix_and_verification(browser, base_url, shoot):
    stamp = f"{browser.size_name}{int(time.time() * 1000) % 10**9}"
    offset = 200 if browser.size_name == "desktop" else 300
    reporter = f"tester{offset:04d}@canyu.example"
    token = api_token(base_url, reporter)
    builds = requests.get(base_url + f"/api/v1/products/{PRODUCT}/releases", timeout=30).json()
    build = next(item["id"] for item in builds if item["ring"] in ("weekly", "stable"))
    similar_title = f"蓝牙耳机自动断开 {stamp}"
    similar_id = file_bug(base_url, token, similar_title, build)

    # The fan starts a report; the similar bug is offered, and "me too" replaces the report.
    log_in(browser, base_url, FAN)
    browser.get(base_url + f"/products/{PRODUCT}/bugs/new")
    browser.find_element(By.ID, "bug-title").send_keys(similar_title)
    box = browser.find_element(By.ID, "similar-bugs")
    WebDriverWait(browser, 10).until(lambda driver: box.is_displayed() and f"/bugs/{similar_id}" in box.get_attribute("innerHTML"))
    shoot("70-similar-bug-offered")
    click_and_load(browser, By.CSS_SELECTOR, f"#similar-bugs form[action='/bugs/{similar_id}/me-too'] button")
    assert browser.current_url.rstrip("/").endswith(f"/bugs/{similar_id}")
    assert browser.find_element(By.ID, "bug-me-too-count").text == "1"
    log_out(browser)

    # Another bug: four members say "me too" through the API, the fifth on the page.
    crowd_id = file_bug(base_url, token, f"锁屏时钟偶尔卡住 {stamp}", build)
    for index in range(1, 5):
        member = api_token(base_url, f"tester{offset + index:04d}@canyu.example")
        response = requests.put(base_url + f"/api/v1/bugs/{crowd_id}/me-too", timeout=30, headers={"Authorization": f"Bearer {member}"},
                                json={"device_model": "Aurora 13"})
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "new"
    log_in(browser, base_url, f"tester{offset + 5:04d}@canyu.example")
    browser.get(base_url + f"/bugs/{crowd_id}")
    assert browser.find_element(By.ID, "bug-status").text in ("新报告", "New")
    browser.find_element(By.NAME, "device_model").send_keys("Aurora 14 Pro")
    click_and_load(browser, By.ID, "bug-me-too")
    assert browser.find_element(By.ID, "bug-status").text in ("已确认", "Confirmed")
    assert browser.find_element(By.ID, "bug-me-too-count").text == "5"
    shoot("71-crowd-confirmed")
    log_out(browser)

    # Staff mark it fixed in a release.
    log_in(browser, base_url, STAFF)
    browser.get(base_url + f"/bugs/{crowd_id}")
    Select(browser.find_element(By.ID, "bug-status-select")).select_by_value("fixed")
    Select(browser.find_element(By.ID, "bug-fixed-build")).select_by_value(str(build))
    click_and_load(browser, By.ID, "bug-status-submit")
    assert browser.find_element(By.ID, "bug-status").text in ("已修复", "Fixed")
    assert browser.find_element(By.ID, "bug-fixed-in").is_displayed()
    log_out(browser)

    # The reporter verifies the fix and sees the credits for it.
    log_in(browser, base_url, reporter)
    browser.get(base_url + f"/bugs/{crowd_id}")
    click_and_load(browser, By.ID, "verify-fixed")
    assert "1" in browser.find_element(By.ID, "bug-fixed-in").text
    shoot("72-verified")
    click_and_load(browser, By.ID, "nav-standing")
    ledger = browser.find_element(By.ID, "ledger").text
    for label in ("验证修复", "缺陷被修复", "缺陷被确认"):
        assert label in ledger
    shoot("73-credits")
    assert not severe_console_errors(browser)
    log_out(browser)
