"""A district official finds its eligible enterprises, opens one, adds a qualification and records a
survey answer; an enterprise user keeps its own contacts current."""

import datetime

from playwright.sync_api import expect

from innopilot.directory.models import IndustryDivision, QualificationType
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import ContactFactory, EnterpriseFactory, QualificationFactory


def jiangbei_directory(jiangbei, jiangbei_enterprise):
    software = IndustryDivision.objects.get(code="65")
    machinery = IndustryDivision.objects.get(code="34")
    little_giant = QualificationType.objects.get(code="national_little_giant")
    jiangbei_enterprise.industry, jiangbei_enterprise.size_class = machinery, "medium"
    jiangbei_enterprise.willingness = "yes"
    jiangbei_enterprise.save()
    QualificationFactory(enterprise=jiangbei_enterprise, recognized_year=2024)
    ContactFactory(
        enterprise=jiangbei_enterprise, name="陈晓", position="知识产权部经理", mobile="13883001234"
    )
    others = [
        ("重庆两江智能软件有限公司", software, "small", "unstated", 2020),
        ("重庆长江精密机械有限公司", machinery, "large", "no", None),
        ("重庆观音桥数据科技有限公司", software, "micro", "yes", 2025),
    ]
    for name, industry, size, willingness, year in others:
        enterprise = EnterpriseFactory(
            managing_unit=jiangbei,
            name=name,
            industry=industry,
            size_class=size,
            willingness=willingness,
            established_on=datetime.date(2012, 5, 8),
        )
        ContactFactory(enterprise=enterprise)
        if year:
            QualificationFactory(enterprise=enterprise, type=little_giant, recognized_year=year)


def test_a_district_official_works_its_eligible_pool_and_an_enterprise_keeps_its_contacts(
    page, personas, jiangbei, jiangbei_enterprise
):
    jiangbei_directory(jiangbei, jiangbei_enterprise)
    sign_in(page, "jiangbei_ip")
    page.locator("#main-nav").get_by_role("link", name="企业").click()
    page.select_option("#id_eligibility", "yes")
    page.get_by_role("button", name="搜索").click()
    table = page.locator("#enterprise-table")
    expect(table).to_contain_text(jiangbei_enterprise.name)
    expect(table).to_contain_text("重庆观音桥数据科技有限公司")
    expect(table).not_to_contain_text("重庆两江智能软件有限公司")
    expect(page.locator("#enterprise-count")).to_contain_text("2")
    screenshot(page, "enterprises-list")

    table.get_by_role("link", name=jiangbei_enterprise.name).click()
    page.get_by_role("link", name="新增资质").click()
    page.select_option("#id_type", label="国家级专精特新“小巨人”企业")
    page.fill("#id_recognized_year", "2025")
    page.fill("#id_batch", "第七批")
    page.fill("#id_document_number", "工信厅企业函〔2025〕180号")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("资质已保存")
    expect(page.locator("#qualification-table")).to_contain_text("第七批")

    page.get_by_role("link", name="编辑企业信息").click()
    page.fill("#id_valid_invention_patents", "18")
    page.select_option("#id_has_ip_department", "true")
    page.fill("#id_survey_notes", "2026年11月走访，已设立知识产权部。")
    screenshot(page, "enterprise-edit")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#enterprise-survey")).to_contain_text("18")
    eligibility = page.locator("#eligibility")
    expect(eligibility).to_contain_text("符合条件")
    expect(eligibility).to_contain_text("国家级专精特新“小巨人”企业（2025年认定，有效期至2028年）")
    expect(page.locator("#change-table")).to_contain_text("有效发明专利数")
    screenshot(page, "enterprise-detail")

    page.context.clear_cookies()
    sign_in(page, "ent_jiangbei")
    page.get_by_role("link", name="编辑联系人").click()
    page.fill("#id_form-0-mobile", "139 8300 5678")
    page.fill("#id_form-1-name", "刘洋")
    page.fill("#id_form-1-position", "研发总监")
    page.fill("#id_form-1-mobile", "12345")
    page.get_by_role("button", name="保存联系人").click()
    expect(page.locator("#contact-form")).to_contain_text("11位")
    page.fill("#id_form-1-mobile", "13983009876")
    page.get_by_role("button", name="保存联系人").click()
    contacts = page.locator("#contact-table")
    expect(contacts).to_contain_text("13983005678")
    expect(contacts).to_contain_text("刘洋")
    expect(page.get_by_role("link", name="编辑企业信息")).to_have_count(0)
