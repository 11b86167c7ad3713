"""An enterprise user reads the ISO 56005 library to learn what each clause asks before assessing."""

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, screenshot, sign_in


def test_an_enterprise_user_learns_a_clause_and_its_questions_from_the_library(page, personas):
    sign_in(page, "ent_yubei")
    page.goto(page.live_server_url + "/standards/")
    expect(page.locator("#library-table")).to_contain_text("当前版本")
    screenshot(page, "standards-list")

    page.get_by_role("link", name="ISO 56005 创新与知识产权管理能力初始测评").click()
    expect(page.locator("#grade-bands")).to_contain_text("生态级")
    page.get_by_role("link", name="创新过程中的知识产权管理").click()
    clause = page.locator("#clause-6\\.3")
    expect(clause).to_contain_text("创建概念")
    question = page.locator("#question-Q6\\.3-2")
    expect(question).to_contain_text("仅当 Q6.3-1 的回答为")
    first_maturity = clause.locator("details").first
    first_maturity.locator("summary").click()
    expect(first_maturity.locator("li").first).to_be_visible()
    clause.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -60)")
    # The whole library is long: the README shows the clause in view, not the full page.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "standard-library.png"))
