"""Ideas: a fan proposes an idea and is shown a similar one while typing; a second fan votes;
staff plan it; the first fan sees the notification and the credits; the second fan votes in a
design poll with a reason and sees the results."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_account_journey import click_and_load, severe_console_errors
from test_pyramid_journey import log_in, log_out

FAN, STAFF = "fan@canyu.example", "staff@canyu.example"


def register(browser, base_url, stamp):
    browser.get(base_url + "/register")
    browser.find_element(By.NAME, "email").send_keys(f"{stamp}@example.com")
    browser.find_element(By.NAME, "name").send_keys(f"投票者{stamp}")
    browser.find_element(By.NAME, "password").send_keys("orange friday")
    click_and_load(browser, By.ID, "register-submit")


def test_propose_vote_plan_notify_and_poll(browser, base_url, shoot):
    stamp = f"i{browser.size_name}{int(time.time() * 1000) % 10**9}"
    title = f"锁屏时钟支持自定义字体 {stamp}"

    log_in(browser, base_url, FAN)
    browser.get(base_url + "/products/aurora-os")
    shoot("40-product")
    click_and_load(browser, By.ID, "new-idea")
    browser.find_element(By.ID, "idea-title").send_keys("锁屏时钟")
    similar = browser.find_element(By.ID, "similar-ideas")
    WebDriverWait(browser, 10).until(lambda _: similar.is_displayed() and similar.find_elements(By.CSS_SELECTOR, "li a"))
    assert "锁屏时钟" in similar.text
    shoot("41-similar")
    browser.find_element(By.ID, "idea-title").send_keys(f"支持自定义字体 {stamp}")
    title = browser.find_element(By.ID, "idea-title").get_attribute("value")
    Select(browser.find_element(By.ID, "idea-module")).select_by_value("lock-screen")
    browser.find_element(By.ID, "idea-body").send_keys("希望可以选**圆体**。")
    click_and_load(browser, By.ID, "propose-idea")
    assert browser.find_element(By.ID, "idea-title").text == title
    idea_url = browser.current_url
    log_out(browser)

    register(browser, base_url, stamp)
    browser.get(idea_url)
    click_and_load(browser, By.ID, "idea-vote")
    assert browser.find_element(By.ID, "idea-score").text == "1"
    shoot("42-voted")
    log_out(browser)

    log_in(browser, base_url, STAFF)
    browser.get(idea_url)
    Select(browser.find_element(By.ID, "triage-status")).select_by_value("planned")
    browser.find_element(By.ID, "triage-note").send_keys("排进下个版本")
    click_and_load(browser, By.ID, "triage-submit")
    assert "排进下个版本" in browser.find_element(By.ID, "idea-history").text
    log_out(browser)

    log_in(browser, base_url, FAN)
    click_and_load(browser, By.ID, "nav-notifications")
    assert title in browser.find_element(By.TAG_NAME, "main").text
    shoot("43-notified")
    click_and_load(browser, By.ID, "nav-standing")
    assert "想法被采纳" in browser.find_element(By.TAG_NAME, "main").text
    log_out(browser)

    # The second fan votes in the open design poll, with a reason, and sees the results.
    log_in_as_new = f"{stamp}@example.com"
    browser.get(base_url + "/login")
    browser.find_element(By.NAME, "email").send_keys(log_in_as_new)
    browser.find_element(By.NAME, "password").send_keys("orange friday")
    click_and_load(browser, By.ID, "login-submit")
    browser.get(base_url + "/products/aurora-os/polls")
    click_and_load(browser, By.PARTIAL_LINK_TEXT, "主题色")
    assert browser.find_elements(By.ID, "results-note")
    browser.find_elements(By.CSS_SELECTOR, "input[name='option_id']")[1].click()
    browser.find_element(By.ID, "poll-reason").send_keys("青色在深色模式下也很舒服")
    click_and_load(browser, By.ID, "poll-submit")
    assert browser.find_elements(By.CSS_SELECTOR, ".poll-option.chosen")
    assert browser.find_elements(By.CSS_SELECTOR, ".option-votes")
    assert "青色在深色模式下也很舒服" in browser.find_element(By.TAG_NAME, "main").text
    shoot("44-poll")
    assert not severe_console_errors(browser)
