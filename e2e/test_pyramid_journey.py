"""Staff approve the demo fan's honorary-developer application; the fan sees the new tier."""
from selenium.webdriver.common.by import By

from test_account_journey import click_and_load, wait_for_next_page

FAN, STAFF, PASSWORD = "fan@canyu.example", "staff@canyu.example", "canyu-demo"
FAN_NAME = "米粉小王"


def log_in(browser, base_url, email):
    browser.get(base_url + "/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    click_and_load(browser, By.ID, "login-submit")


def log_out(browser):
    click_and_load(browser, By.ID, "logout")


def test_staff_approve_an_application_and_the_fan_sees_the_tier(browser, base_url, shoot):
    log_in(browser, base_url, FAN)
    click_and_load(browser, By.ID, "nav-standing")
    shoot("20-fan-standing")
    pending = "审核中" in browser.find_element(By.ID, "tier").text
    log_out(browser)

    # The first screen size approves; the second finds it done and checks what the fan sees.
    if pending:
        log_in(browser, base_url, STAFF)
        browser.get(base_url + "/pyramid")
        click_and_load(browser, By.ID, "review-link")
        article = next(a for a in browser.find_elements(By.CSS_SELECTOR, "article.application") if FAN_NAME in a.text)
        article.find_element(By.NAME, "note").send_keys("欢迎加入荣誉开发组!")
        shoot("21-staff-review")
        wait_for_next_page(browser, article.find_element(By.CSS_SELECTOR, "button[value='approve']").click)
        assert browser.find_element(By.CSS_SELECTOR, ".notice").text
        log_out(browser)

    log_in(browser, base_url, FAN)
    click_and_load(browser, By.ID, "nav-standing")
    assert browser.find_element(By.ID, "tier-name").text == "荣誉开发组"
    assert "申请已通过" in browser.find_element(By.ID, "tier-reason").text
    assert browser.find_element(By.CSS_SELECTOR, "table.privileges tr.current")
    shoot("22-fan-honorary")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
