"""Browser journeys against a running `canyu serve` (CANYU_E2E_URL), in headless Chromium."""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("CANYU_E2E_URL")
    if not url:
        pytest.fail("CANYU_E2E_URL is not set: start `canyu serve` and point the journeys at it")
    return url.rstrip("/")


@pytest.fixture(params=sorted(SIZES), ids=sorted(SIZES))
def browser(request):
    width, height = SIZES[request.param]
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}", "--lang=zh-CN"):
        options.add_argument(flag)
    # What the browser sends as Accept-Language: a Chinese visitor, as most of ours are.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(width, height)
    driver.implicitly_wait(5)
    driver.size_name = request.param
    yield driver
    driver.quit()


@pytest.fixture
def shoot(browser):
    """Saves a screenshot named after the test, the screen size and the step."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(step):
        browser.save_screenshot(str(ARTIFACTS / f"{browser.size_name}-{step}.png"))

    return take
