//! Each task layout and each awkward case on small hand-written documents.
//!
//! One helper, `check_tasks`, renders every task as one line — id, layout,
//! leads, supports, deadline — so each test is the document and the lines
//! a reader expects.

use kehoach_extract::schema::{Output, Source, Task};
use kehoach_extract::{Config, extract};

fn run(text: &str) -> Output {
    let source = Source {
        path: "test.txt".to_owned(),
        sha256: String::new(),
        bytes: text.len() as u64,
    };
    extract(text, source, &Config::default())
}

fn render(task: &Task) -> String {
    let names = |agencies: &[kehoach_extract::schema::Agency]| {
        agencies
            .iter()
            .map(|a| &*a.name)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let deadline = task.deadline.as_ref().map_or(String::new(), |d| {
        let date = |date: Option<jiff::civil::Date>| date.map_or(String::new(), |d| d.to_string());
        format!(" by {} {}..{}", d.kind, date(d.start), date(d.end))
    });
    let layout = serde_json::to_value(task.layout).unwrap_or_default();
    let mut line = format!(
        "{} {} lead=[{}]",
        task.id,
        layout.as_str().unwrap_or(""),
        names(&task.lead)
    );
    if !task.support.is_empty() {
        line.push_str(&format!(" support=[{}]", names(&task.support)));
    }
    line.push_str(&deadline);
    line
}

fn check_tasks(text: &str, expected: &[&str]) -> Output {
    let output = run(text);
    let got: Vec<String> = output.tasks.iter().map(render).collect();
    assert_eq!(got, expected, "\ndocument:\n{text}");
    output
}

#[test]
fn items_with_labelled_fields() {
    check_tasks(
        "KẾ HOẠCH\n\nCải cách hành chính năm 2023\n\nII. NHIỆM VỤ CHỦ YẾU\n\n1. Về cải cách thể chế\n\n\
         a) Xây dựng Quy chế làm việc.\n\n- *Đơn vị chủ trì*: Phòng Nội chính.\n\n- Đơn vị phối hợp: Các phòng, ban, đơn vị.\n\n\
         - Sản phẩm: Quyết định sửa đổi.\n\n- Thời gian: Quý III/2023.\n\n\
         c) Rà soát văn bản.\n\nĐơn vị thực hiện: Phòng Hành chính - Quản trị.\n\nThời gian thực hiện: Thường xuyên trong năm.\n",
        &[
            "II.1.a fields lead=[Phòng Nội chính] support=[Các phòng, ban, đơn vị] by period 2023-07-01..2023-09-30",
            "II.1.c fields lead=[Phòng Hành chính - Quản trị] by ongoing 2023-01-01..2023-12-31",
        ],
    );
}

#[test]
fn an_item_with_two_field_carrying_bullets_is_two_tasks() {
    check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nIII. NỘI DUNG\n\n2.4. Phát triển ứng dụng, dịch vụ.\n\n- Cổng thông tin điện tử đáp ứng yêu cầu.\n\n\
         Đơn vị thực hiện: Trung tâm Thông tin.\n\nThời gian thực hiện: Thường xuyên trong năm 2023.\n\n\
         - Triển khai số hóa hồ sơ.\n\nĐơn vị thực hiện: Các sở, ngành, địa phương.\n\nThời gian thực hiện: Quý II năm 2023.\n",
        &[
            "III.2.4-1 fields lead=[Trung tâm Thông tin] by ongoing 2023-01-01..2023-12-31",
            "III.2.4-2 fields lead=[Các sở, ngành, địa phương] by period 2023-04-01..2023-06-30",
        ],
    );
}

#[test]
fn bullets_before_one_block_of_fields_belong_to_the_item() {
    check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nIII. NỘI DUNG\n\n1.5. Kết quả giải quyết hồ sơ.\n\n- Tỷ lệ hồ sơ đúng hạn.\n\n- Xin lỗi khi trễ hẹn.\n\n\
         Đơn vị thực hiện: Các sở, ngành, địa phương.\n\nThời gian thực hiện: Thường xuyên trong năm 2023.\n",
        &["III.1.5 fields lead=[Các sở, ngành, địa phương] by ongoing 2023-01-01..2023-12-31"],
    );
}

#[test]
fn missing_letters_do_not_break_the_sequence() {
    let output = check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nII. NHIỆM VỤ\n\na) Một.\n\n- Đơn vị chủ trì: Sở Nội vụ.\n\n\
         d) Bốn.\n\n- Đơn vị chủ trì: Sở Tư pháp.\n\nđ) Năm.\n\n- Đơn vị chủ trì: Sở Y tế.\n",
        &[
            "II.a fields lead=[Sở Nội vụ]",
            "II.d fields lead=[Sở Tư pháp]",
            "II.đ fields lead=[Sở Y tế]",
        ],
    );
    assert!(
        !output
            .diagnostics
            .iter()
            .any(|d| d.code == "letters-restart")
    );
}

#[test]
fn a_restarted_sequence_is_a_new_group_and_is_reported() {
    let output = check_tasks(
        "CHỈ THỊ\n\nVề cải cách hành chính\n\nChủ tịch UBND tỉnh yêu cầu:\n\na) Người đứng đầu phải nêu gương.\n\nb) Rà soát thủ tục.\n\n\
         Chủ trì, phối hợp với các cơ quan tham mưu một số nhiệm vụ sau:\n\na) Xây dựng kế hoạch.\n",
        &[
            "a directive lead=[Người đứng đầu]",
            "b directive lead=[]",
            "G2.a directive lead=[]",
        ],
    );
    let restart = output
        .diagnostics
        .iter()
        .find(|d| d.code == "letters-restart")
        .expect("restart reported");
    assert_eq!(restart.line, Some(13));
    let group = output
        .outline
        .iter()
        .find(|h| &*h.id == "G2")
        .expect("group heading");
    assert!(group.title.starts_with("Chủ trì, phối hợp"), "{group:?}");
}

#[test]
fn directives_under_a_heading_that_names_an_agency() {
    check_tasks(
        "CHỈ THỊ\n\nVề tín chỉ các-bon\n\n2. Bộ Tài nguyên và Môi trường:\n\na) Khẩn trương thiết lập hệ thống đăng ký.\n\n\
         b) Chủ trì, phối hợp với các Bộ, cơ quan liên quan xây dựng Nghị định, trình Chính phủ trước ngày 30 tháng 7 năm 2024.\n\n\
         4. Bộ Công Thương chủ trì rà soát cơ sở pháp lý và báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 9 năm 2024.\n",
        &[
            "2.a directive lead=[Bộ Tài nguyên và Môi trường]",
            "2.b directive lead=[Bộ Tài nguyên và Môi trường] support=[Các bộ, cơ quan liên quan] by date ..2024-07-30",
            "4 directive lead=[Bộ Công Thương] by date ..2024-09-30",
        ],
    );
}

#[test]
fn a_sentence_that_assigns_is_a_task_of_its_own() {
    let output = check_tasks(
        "CHỈ THỊ\n\nVề cải cách hành chính\n\nđ) Tiếp tục thực hiện nghiêm túc Chỉ thị số 19/CT-UBND ngày 07/12/2018.\n\n\
         Giao Sở Tài nguyên và Môi trường, UBND các huyện, thị xã, thành phố tiếp tục chấn chỉnh tình trạng hồ sơ tồn đọng.\n\n\
         e) Rà soát thủ tục hành chính. Giao Văn phòng UBND tỉnh tổng hợp kết quả, báo cáo trước ngày 15/12/2021.\n",
        &[
            "đ directive lead=[]",
            "đ.p1 directive lead=[Sở Tài nguyên và Môi trường; Ủy ban nhân dân các huyện, thị xã, thành phố]",
            "e directive lead=[] by date ..2021-12-15",
            "e.s1 directive lead=[Văn phòng Ủy ban nhân dân tỉnh] by date ..2021-12-15",
        ],
    );
    // The item's own text and lines leave out the paragraph that is a task
    // of its own.
    let item = &output.tasks[0];
    assert!(!item.text.contains("Giao Sở"), "{}", item.text);
    assert_eq!(item.span.end_line, item.span.start_line);
}

#[test]
fn plan_items_that_name_no_agency_are_narrative() {
    check_tasks(
        "KẾ HOẠCH\n\nNăm 2025\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n\n1. Nâng cao nhận thức\n\na) Đẩy mạnh truyền thông.\n\nb) Xây dựng nền tảng đào tạo.\n\n\
         IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ\n\na) Là cơ quan đầu mối tổ chức triển khai kế hoạch.\n\n\
         3. Sở Công Thương\n\nHỗ trợ các doanh nghiệp phát triển kinh doanh trên môi trường số.\n",
        &[
            "IV.1.a directive lead=[Sở Khoa học và Công nghệ]",
            "IV.3 directive lead=[Sở Công Thương]",
        ],
    );
}

#[test]
fn purpose_requirement_and_targets_are_not_tasks() {
    let output = check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Sở Nội vụ nâng cao nhận thức.\n\n2. Yêu cầu\n\n\
         - Trưởng các phòng cần nâng cao vai trò.\n\nII. CÁC CHỈ TIÊU CHỦ YẾU\n\n1. 100% các sở xây dựng kế hoạch.\n\n\
         2. Tối thiểu 98% hồ sơ được giải quyết đúng hạn.\n",
        &[],
    );
    let targets: Vec<&str> = output.targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(targets, ["II.1", "II.2"]);
}

#[test]
fn a_table_row_split_over_pages_is_one_task() {
    let output = check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nPhụ lục\nDANH MỤC CÁC NHIỆM VỤ\n\n\
         Nội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n\
         I. CÔNG TÁC CHỈ ĐẠO\t\t\t\n\
         9. Báo cáo công tác CCHC\tSở Nội vụ\tCác sở,\tTheo quy\n\n\
         Nội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n\
         \t\tban, ngành tỉnh;\tđịnh\n\n\
         Nội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n\
         \t\tUBND cấp huyện\t\n\
         10. Khảo sát mức độ hài lòng\tSở Nội vụ\tCác cơ quan, đơn vị có liên quan\tQuý IV năm 2023\n",
        &[
            "PL.I.9 table lead=[Sở Nội vụ] support=[Các sở, ban, ngành tỉnh; Ủy ban nhân dân cấp huyện] by conditional ..",
            "PL.I.10 table lead=[Sở Nội vụ] support=[Các cơ quan, đơn vị liên quan] by period 2023-10-01..2023-12-31",
        ],
    );
    assert_eq!(output.repairs["table_rows_merged"], 2);
    assert_eq!(output.repairs["table_headers_removed"], 2);
    // Row 9 starts on line 10 and its last continuation is on line 16.
    assert_eq!(output.tasks[0].span.start_line, 10);
    assert_eq!(output.tasks[0].span.end_line, 16);
}

#[test]
fn a_field_value_spanning_a_page_break_is_rejoined() {
    let output = check_tasks(
        "KẾ HOẠCH\n\nNăm 2023\n\nII. NỘI DUNG\n\na) Khắc phục hạn chế.\n\n- Biện pháp khắc phục: Chỉ đạo các phòng nâng cao kỹ năng chuyên\n\n\
         ngành; chủ động tham mưu.\n\n- Đơn vị tham mưu thực hiện: Phòng Hành chính - Quản trị.\n",
        &["II.a fields lead=[Phòng Hành chính - Quản trị]"],
    );
    let measure = &output.tasks[0].fields[0];
    assert_eq!(measure.role, "measure");
    assert_eq!(
        measure.value,
        "Chỉ đạo các phòng nâng cao kỹ năng chuyên ngành; chủ động tham mưu."
    );
    assert_eq!(output.repairs["page_breaks_rejoined"], 1);
}

#[test]
fn a_document_with_no_tasks() {
    let output = check_tasks(
        "BÁO CÁO\n\nTình hình thực hiện năm 2023\n\nI. ĐÁNH GIÁ TÌNH HÌNH\n\n1. Kết quả đạt được\n\n- Hoàn thành kế hoạch.\n",
        &[],
    );
    assert_eq!(output.document.kind.as_deref(), Some("bao_cao"));
    assert_eq!(output.summary.tasks, 0);
}

#[test]
fn a_decision_with_its_attached_plan() {
    let output = check_tasks(
        "QUYẾT ĐỊNH\n\nBan hành Kế hoạch cải cách hành chính năm 2023\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n\
         Điều 2. Giao Sở Nội vụ đôn đốc, theo dõi việc thực hiện Quyết định này.\n\n\
         Điều 3. Chánh Văn phòng, Thủ trưởng các sở chịu trách nhiệm thi hành Quyết định này./.\n\n\
         Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\n\
         KẾ HOẠCH\n\nThực hiện nhiệm vụ cải cách hành chính năm 2023\n(Ban hành kèm theo Quyết định số 45 /QĐ-UBND ngày 10 tháng 01 năm 2023 của Chủ tịch UBND tỉnh)\n\n\
         I. NHIỆM VỤ\n\n1. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật.\n",
        &[
            "Điều 2 directive lead=[Sở Nội vụ]",
            "I.1 directive lead=[Sở Tư pháp]",
        ],
    );
    let document = &output.document;
    assert_eq!(document.kind.as_deref(), Some("quyet_dinh"));
    assert_eq!(document.number.as_deref(), Some("45/QĐ-UBND"));
    assert_eq!(
        document.date.map(|d| d.to_string()).as_deref(),
        Some("2023-01-10")
    );
    assert_eq!(
        document.signer.as_ref().and_then(|s| s.name.as_deref()),
        Some("Nguyễn Văn A")
    );
    let plan = &document.attachments[0];
    assert_eq!(plan.kind.as_deref(), Some("ke_hoach"));
    assert_eq!(plan.number.as_deref(), Some("45/QĐ-UBND"));
    assert_eq!(plan.date_raw.as_deref(), Some("ngày 10 tháng 01 năm 2023"));
    assert!(
        document.span.end_line < plan.span.start_line,
        "the decision {:?} overlaps its plan {:?}",
        document.span,
        plan.span
    );
    assert_eq!(output.tasks[1].attachment, Some(0));
}

#[test]
fn a_heading_that_describes_its_owner_leads_the_items_under_it() {
    check_tasks(
        "KẾ HOẠCH\n\nTổng kiểm kê tài sản công năm 2025\n\nIV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Trách nhiệm của đối tượng thực hiện kiểm kê:\n\n\
         - Kê khai đầy đủ tài sản.\n\nThời gian hoàn thành: Trước ngày 30/11/2025.\n",
        &["IV.1-1 fields lead=[Đối tượng thực hiện kiểm kê] by date ..2025-11-30"],
    );
}

#[test]
fn the_subject_after_an_introductory_clause_leads() {
    check_tasks(
        "KẾ HOẠCH\n\nTriển khai Luật năm 2025\n\nIV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Căn cứ Kế hoạch này, Trưởng các phòng và đơn vị trực thuộc Văn phòng theo chức năng \
         nhiệm vụ được giao tổ chức đôn đốc việc thực hiện.\n\n\
         2. Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị phản ánh về Sở Nội vụ.\n\n\
         3. Tổ chức quán triệt Luật\n\nTrong năm 2025, các sở, ngành hoàn thành việc quán triệt.\n",
        &[
            "IV.1 directive lead=[Trưởng các phòng và đơn vị trực thuộc Văn phòng]",
            "IV.3 directive lead=[Các sở, ngành] by period 2025-01-01..2025-12-31",
        ],
    );
}

#[test]
fn support_comes_from_the_item_not_from_its_bullets() {
    check_tasks(
        "KẾ HOẠCH\n\nKiểm kê năm 2025\n\nII. NHIỆM VỤ\n\n1. Sở Tài chính\n\n\
         - Phối hợp với các cơ quan chuyên môn hướng dẫn biểu mẫu kiểm kê.\n\n\
         Thời gian hoàn thành: Tháng 12/2025.\n\n\
         2. Hướng dẫn kiểm kê theo lĩnh vực.\n\nĐơn vị thực hiện: Sở Xây dựng, Sở Công Thương.\n\n\
         + Sở Xây dựng phối hợp với Sở Tài chính hướng dẫn về giao thông.\n\n\
         Thời gian: Tháng 12/2025.\n",
        &[
            "II.1-1 fields lead=[Sở Tài chính] support=[Các cơ quan chuyên môn] by period 2025-12-01..2025-12-31",
            "II.2 fields lead=[Sở Xây dựng; Sở Công Thương] by period 2025-12-01..2025-12-31",
        ],
    );
}

#[test]
fn an_agency_never_both_leads_and_supports_but_a_collection_may() {
    check_tasks(
        "KẾ HOẠCH\n\nNăm 2025\n\nII. NHIỆM VỤ\n\n1. Rà soát quy định.\n\n\
         - Chủ trì: Bộ Xây dựng; các bộ, ngành.\n\n- Phối hợp: Bộ Xây dựng, Bộ Tư pháp; các bộ, ngành.\n\n\
         - Thời gian: Năm 2025.\n",
        &[
            "II.1 fields lead=[Bộ Xây dựng; Các bộ, ngành] support=[Bộ Tư pháp; Các bộ, ngành] by period 2025-01-01..2025-12-31",
        ],
    );
}

#[test]
fn a_headerless_plan_names_its_issuer_in_the_preamble() {
    let output = run(
        "Thực hiện Quyết định số 1782/QĐ-UBND ngày 21/12/2022 của Chủ tịch UBND tỉnh về việc ban hành \
         Kế hoạch cải cách hành chính năm 2023, Văn phòng UBND tỉnh (sau đây viết tắt là Văn phòng) \
         xây dựng Kế hoạch cải cách hành chính năm 2023 như sau:\n\n\
         I. NHIỆM VỤ\n\n1. Rà soát văn bản.\n\n- Đơn vị chủ trì: Phòng Nội chính.\n\n- Thời gian: Quý I/2023.\n",
    );
    let document = &output.document;
    let issuer = document.issuer.as_ref().expect("issuer from the preamble");
    assert_eq!(&*issuer.name, "Văn phòng Ủy ban nhân dân tỉnh");
    assert_eq!(document.preamble.len(), 1);
    let codes: Vec<&str> = output.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"number-missing"), "{codes:?}");
    assert!(codes.contains(&"date-missing"), "{codes:?}");
}

#[test]
fn a_multi_year_plan_states_its_horizon() {
    let output = run(
        "KẾ HOẠCH\n\nThực hiện Chương trình giai đoạn 2025 - 2035, định hướng đến năm 2045\n\n\
         I. NHIỆM VỤ\n\n1. Xây dựng trường.\n\n- Chủ trì: Sở Giáo dục và Đào tạo.\n\n- Thời gian: Năm 2026.\n\n\
         Trên đây là Kế hoạch thực hiện Chương trình./.\n",
    );
    assert_eq!(output.document.year_end, Some(2035));
}
