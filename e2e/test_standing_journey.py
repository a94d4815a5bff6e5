"""A member checks in and sees the streak and credits move on "my standing"."""
import time

from selenium.webdriver.common.by import By

from test_account_journey import click_and_load


def test_member_checks_in_and_sees_standing(browser, base_url, shoot):
    stamp = f"s{browser.size_name}{int(time.time() * 1000) % 10**9}"
    browser.get(base_url + "/register")
    browser.find_element(By.NAME, "email").send_keys(f"{stamp}@example.com")
    browser.find_element(By.NAME, "name").send_keys(f"Fan {stamp}")
    browser.find_element(By.NAME, "password").send_keys("orange friday")
    click_and_load(browser, By.ID, "register-submit")

    click_and_load(browser, By.ID, "nav-standing")
    assert browser.find_element(By.ID, "credits").text == "0"
    assert browser.find_element(By.ID, "streak").text == "0"
    shoot("10-standing-before")

    click_and_load(browser, By.ID, "check-in")
    assert browser.find_element(By.ID, "credits").text == "2"
    assert browser.find_element(By.ID, "streak").text == "1"
    assert browser.find_elements(By.ID, "checked-in-today")
    assert browser.find_element(By.CSS_SELECTOR, ".month .day.checked.today")
    assert "48" in browser.find_element(By.ID, "to-next").text
    shoot("11-standing-after")

    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
