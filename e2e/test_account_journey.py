"""Register → log out → log in → switch to English and back → open the profile."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def wait_for_next_page(browser, action):
    """Runs `action` (a click that navigates) and waits until a new page has fully loaded.

    The old window is marked first; a new document starts with a fresh window object. This
    avoids asking the driver about elements of a page being torn down, which this Chromium
    answers with an inspector error rather than a stale-element error.
    """
    browser.execute_script("window.__canyuPreviousPage = true")
    action()
    WebDriverWait(browser, 10).until(lambda b: b.execute_script(
        "return !window.__canyuPreviousPage && document.readyState === 'complete'"))


def click_and_load(browser, by, value):
    """Clicks a link or submit button and waits until the next page has replaced this one."""
    element = browser.find_element(by, value)
    wait_for_next_page(browser, element.click)


def html_lang(browser):
    return browser.find_element(By.TAG_NAME, "html").get_attribute("lang")


def severe_console_errors(browser):
    return [entry for entry in browser.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]


def test_register_logout_login_language_profile(browser, base_url, shoot):
    stamp = f"{browser.size_name}{int(time.time() * 1000) % 10**9}"
    email, name, password = f"e2e-{stamp}@example.com", f"米粉{stamp}", "orange friday"

    browser.get(base_url + "/")
    assert html_lang(browser) == "zh-Hans"
    shoot("01-home")

    click_and_load(browser, By.ID, "nav-register")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "password").send_keys(password)
    shoot("02-register")
    click_and_load(browser, By.ID, "register-submit")
    assert browser.find_element(By.CLASS_NAME, "me-name").text == name
    shoot("03-registered")

    click_and_load(browser, By.ID, "logout")
    assert browser.find_elements(By.ID, "logout") == []
    click_and_load(browser, By.ID, "nav-login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    click_and_load(browser, By.ID, "login-submit")
    assert browser.find_element(By.CLASS_NAME, "me-name").text == name
    shoot("04-logged-in")

    click_and_load(browser, By.CSS_SELECTOR, "button[data-locale='en']")
    assert html_lang(browser) == "en"
    assert browser.find_element(By.ID, "logout").text == "Log out"
    shoot("05-english")
    click_and_load(browser, By.CSS_SELECTOR, "button[data-locale='zh-Hans']")
    assert html_lang(browser) == "zh-Hans"
    assert browser.find_element(By.ID, "logout").text == "退出"

    click_and_load(browser, By.CLASS_NAME, "me")
    assert browser.find_element(By.ID, "profile-name").text == name
    assert "/u/" in browser.current_url
    shoot("06-profile")

    # Nothing sticks out sideways on a phone.
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert severe_console_errors(browser) == []


def test_a_visitor_switches_language_with_the_footer_links(browser, base_url, shoot):
    browser.get(base_url + "/login")
    click_and_load(browser, By.CSS_SELECTOR, "a[data-locale='en']")
    assert html_lang(browser) == "en"
    assert "/login" in browser.current_url
    assert browser.find_element(By.ID, "login-submit").text == "Log in"
    shoot("07-visitor-english")
    click_and_load(browser, By.CSS_SELECTOR, "a[data-locale='zh-Hans']")
    assert html_lang(browser) == "zh-Hans"


def test_unknown_page_shows_the_error_page(browser, base_url, shoot):
    browser.get(base_url + "/no/such/page")
    assert browser.find_element(By.CSS_SELECTOR, ".error-page .status").text == "404"
    shoot("08-not-found")
