//! Which parts of the outline are tasks, and what each task says.
//!
//! Three layouts make tasks:
//! - **fields**: an item that owns labelled fields (lead, support,
//!   products, deadline …); when the fields sit under several bullets of
//!   an item, each bullet is a task (the parser has already decided which
//!   node owns which field);
//! - **table**: every task row of an appendix table;
//! - **directive**: an item addressed to an agency — by its own opening
//!   ("Sở Nội vụ (…): chịu trách nhiệm …", "Giao Sở X: …", "Bộ Công Thương
//!   chủ trì …"), by the heading above it ("2. Sở Tư pháp" then a), b) …),
//!   or, in a directive document (chỉ thị, công văn), by the document's
//!   addressee; and a paragraph inside an item that assigns a task of its
//!   own ("Giao Sở Tài nguyên và Môi trường … tiếp tục …").
//!
//! Items under purpose, requirement, objective, assessment and scope
//! headings are never tasks; items under target headings (chỉ tiêu) are
//! targets. In a plan, an item that names no agency and has no fields is
//! narrative, not a task.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use kehoach_normalize::agency::{Aliases, LeadingAgencies};
use kehoach_normalize::deadline::{DeadlineContext, DeadlineKind};
use kehoach_syntax as syntax;
use kehoach_syntax::{ColumnRole, FieldRole, MarkerStyle, NodeId, NodeKind, RowKind, SectionRole};

use crate::convert;
use crate::leads;
use crate::marks;
use crate::memo::Texts;
use crate::phrases::{self, ASSIGN_OPENERS, OWNER_HEADINGS};
use crate::schema::{self, Layout};

/// What the walker produces.
#[derive(Default)]
pub(crate) struct Extracted {
    pub(crate) tasks: Vec<schema::Task>,
    pub(crate) targets: Vec<schema::Target>,
    pub(crate) outline: Vec<schema::Heading>,
    pub(crate) diagnostics: Vec<schema::Diagnostic>,
}

/// Per-part settings of the walk.
pub(crate) struct PartContext {
    /// The deadline context (plan year) of the part.
    pub(crate) deadlines: DeadlineContext,
    /// Items of a directive document are tasks even with no agency named.
    pub(crate) directive: bool,
    /// Who a directive document addresses, leading its items by default.
    pub(crate) addressees: Vec<schema::Agency>,
}

/// Agencies that lead the items under a heading.
type Leads = Rc<Vec<schema::Agency>>;

/// What a node inherits from the nodes above it.
#[derive(Clone, Default)]
struct Inherited {
    /// The section role of the nearest heading that has one.
    role: Option<SectionRole>,
    /// The agencies the nearest heading naming agencies addresses.
    leads: Option<Leads>,
    /// Inside an item with fields: its bullets are its text, not tasks.
    in_fields_task: bool,
}

/// Walks the outline of every part and extracts tasks, targets and headings.
pub(crate) fn extract_tasks<'a>(
    document: &'a syntax::Document,
    ids: &'a [String],
    aliases: &'a Aliases,
    parts: &[PartContext],
    texts: &'a Texts<'a>,
) -> Extracted {
    // Room for a task and a heading per node and per table row, about
    // what a document has: tasks are large, and growing the vectors step
    // by step copies them again and again.
    let rows: usize = document.tables.iter().map(|table| table.rows.len()).sum();
    let mut out = Extracted::default();
    out.tasks.reserve(document.nodes.len() + rows);
    out.outline.reserve(document.nodes.len() + rows);
    let mut walker = Walker {
        document,
        ids,
        aliases,
        texts,
        out,
        keys: Vec::new(),
        citations: Vec::new(),
        separate: Vec::new(),
        items: Vec::new(),
        section_refs: vec![OnceCell::new(); document.nodes.len()],
        no_section: Arc::from(Vec::new()),
        sections_through: vec![OnceCell::new(); document.nodes.len()],
        titles: vec![OnceCell::new(); document.nodes.len()],
        node_ids: vec![OnceCell::new(); document.nodes.len()],
    };
    for (index, part) in document.parts.iter().enumerate() {
        let context = &parts[index];
        let attachment = index.checked_sub(1);
        for &table in &document.nodes[part.root].tables {
            walker.table_tasks(part.root, table, None, context, attachment);
        }
        // An explicit stack of nodes and what they inherit from above.
        let mut stack: Vec<(NodeId, Inherited)> = document.nodes[part.root]
            .children
            .iter()
            .rev()
            .map(|&child| (child, Inherited::default()))
            .collect();
        while let Some((id, inherited)) = stack.pop() {
            let for_children = walker.visit(id, &inherited, context, attachment);
            for &child in document.nodes[id].children.iter().rev() {
                stack.push((child, for_children.clone()));
            }
        }
    }
    walker.out
}

struct Walker<'a> {
    document: &'a syntax::Document,
    ids: &'a [String],
    aliases: &'a Aliases,
    texts: &'a Texts<'a>,
    out: Extracted,
    /// The name keys of the agencies a task lists, one buffer for all.
    keys: Vec<Rc<str>>,
    /// The citations of a task's lines, one buffer for all.
    citations: Vec<Rc<[schema::Reference]>>,
    /// Which body paragraphs of the node visited are tasks of their own.
    separate: Vec<bool>,
    /// The nodes under an item with fields still to be read for its text.
    items: Vec<NodeId>,
    /// Each node as a heading above tasks, made when first asked for.
    section_refs: Vec<OnceCell<schema::SectionRef>>,
    /// The headings above a node at the top of the outline: none.
    no_section: Arc<[schema::SectionRef]>,
    /// The headings above each node and the node itself, made when first
    /// asked for and shared by the tasks under it.
    sections_through: Vec<OnceCell<Arc<[schema::SectionRef]>>>,
    /// Each node's title, cleaned when first asked for.
    titles: Vec<OnceCell<Arc<str>>>,
    /// Each node's outline path, shared when first asked for.
    node_ids: Vec<OnceCell<Arc<str>>>,
}

/// Roles whose items are never tasks.
fn is_narrative_role(role: Option<SectionRole>) -> bool {
    matches!(
        role,
        Some(
            SectionRole::Purpose
                | SectionRole::Requirement
                | SectionRole::Objective
                | SectionRole::Viewpoint
                | SectionRole::Assessment
                | SectionRole::Scope
                | SectionRole::Basis
        )
    )
}

/// True when a node owns a field that makes it a task (any but budget and
/// unrecognised labels).
fn has_task_fields(node: &syntax::Node) -> bool {
    node.fields
        .iter()
        .any(|field| !matches!(field.role, FieldRole::Other | FieldRole::Budget))
}

/// The remedy an item with fields states: where the item states a
/// shortcoming and a field gives the remedy ("Biện pháp khắc phục: …"), the
/// remedy is the task's title (else its own title is).
fn remedy_title(node: &syntax::Node) -> Option<Arc<str>> {
    node.fields
        .iter()
        .filter(|field| field.role == FieldRole::Measure)
        .filter(|field| kehoach_text::ascii_key(&field.label).contains("khac phuc"))
        .find_map(|field| {
            let value = field.full_value();
            let first = value.lines().map(str::trim).find(|line| !line.is_empty())?;
            Some(clean_title(first))
        })
}

/// A title without surrounding space and with the "./." end mark of an
/// official text reduced to a full stop.
fn clean_title(title: &str) -> Arc<str> {
    let title = title.trim();
    match title.strip_suffix("./.") {
        Some(stem) => [stem.trim_end(), "."].concat().into(),
        None => title.into(),
    }
}

impl<'a> Walker<'a> {
    fn node(&self, id: NodeId) -> &'a syntax::Node {
        &self.document.nodes[id]
    }

    /// Handles one node; returns what its children inherit.
    fn visit(
        &mut self,
        id: NodeId,
        inherited: &Inherited,
        context: &PartContext,
        attachment: Option<usize>,
    ) -> Inherited {
        let node = self.node(id);
        let role = node.role.or(inherited.role);
        let mut for_children = Inherited {
            role,
            ..inherited.clone()
        };
        self.outline_entry(id, attachment);
        if node.style() == Some(MarkerStyle::Plus) {
            // `+` bullets are content of the item above them.
            return for_children;
        }
        for &table in &node.tables {
            self.table_tasks(id, table, role, context, attachment);
        }
        let has_items = node
            .children
            .iter()
            .any(|&child| self.node(child).style() != Some(MarkerStyle::Plus));
        if role == Some(SectionRole::Target)
            || (role == Some(SectionRole::Objective) && is_quantified(&node.title))
        {
            if !has_items && matches!(node.kind, NodeKind::Item(_)) {
                self.target(id);
            }
            return for_children;
        }
        if is_narrative_role(role) {
            return for_children;
        }
        let own = self.own_leads(id);
        let has_fields = has_task_fields(node);
        let is_item = matches!(node.kind, NodeKind::Item(style) if style != MarkerStyle::Appendix);
        // One buffer for every node, given back below.
        let mut separate = std::mem::take(&mut self.separate);
        separate.clear();
        if is_item && !inherited.in_fields_task {
            self.separate_paragraphs(id, own.as_ref(), role, &mut separate);
        }
        if has_fields && is_item {
            self.fields_task(
                id,
                own.as_ref(),
                inherited.leads.as_deref(),
                context,
                attachment,
            );
            for_children.in_fields_task = true;
        } else if is_item
            && !inherited.in_fields_task
            && (!has_items || is_directive_heading(node, own.as_ref()))
        {
            let leads = DirectiveLeads {
                own: own.as_ref(),
                inherited: inherited.leads.as_deref(),
                role,
            };
            self.directive_task(id, leads, &separate, context, attachment);
        }
        if is_item && !inherited.in_fields_task && role != Some(SectionRole::Funding) {
            self.assigning_paragraphs(id, &separate, context, attachment);
        }
        self.separate = separate;
        // Items under a heading that names agencies are addressed to them;
        // the items under a heading that is itself a complete directive
        // ("7. Giao Sở X: Tăng cường … .") are not its elaboration.
        if let (Some(own), true) = (own, has_items) {
            for_children.leads = if is_directive_heading(node, Some(&own)) {
                None
            } else {
                Some(Rc::new(own.agencies))
            };
        }
        for_children
    }

    /// Records a node of the outline with its own text.
    fn outline_entry(&mut self, id: NodeId, attachment: Option<usize>) {
        let node = self.node(id);
        let style = match node.kind {
            NodeKind::Group(_) => "group",
            NodeKind::Item(style) => style.as_str(),
            NodeKind::Root => return,
        };
        let mut text = String::new();
        for paragraph in node.body.iter().chain(&node.rows) {
            push_line(&mut text, &paragraph.text);
        }
        let depth = u32::try_from(self.depth(id)).unwrap_or(u32::MAX);
        self.out.outline.push(schema::Heading {
            id: self.node_id(id),
            style: style.into(),
            title: self.node_title(id),
            text,
            role: node.role.map(|role| role.as_str().into()),
            depth,
            span: convert::span(node.span),
            attachment,
        });
    }

    fn target(&mut self, id: NodeId) {
        let node = self.node(id);
        let text = node_text(node, self.plus_children(id));
        self.out.targets.push(schema::Target {
            id: self.ids[id].clone(),
            section: self.section(id),
            text,
            span: convert::span(node.span),
        });
    }

    /// How many nodes are above a node (the path from the root has one
    /// more).
    fn depth(&self, id: NodeId) -> usize {
        self.document.ancestors(id).count()
    }

    /// The headings above a node, outermost first.
    /// Siblings share the list, made once for their parent
    /// ([`Walker::section_through`]).
    fn section(&self, id: NodeId) -> Arc<[schema::SectionRef]> {
        match self.node(id).parent {
            Some(parent) => self.section_through(parent),
            None => Arc::clone(&self.no_section),
        }
    }

    /// [`Walker::section`] of a node followed by the node itself (unless it
    /// is a root), the headings above a task inside it.
    fn section_through(&self, id: NodeId) -> Arc<[schema::SectionRef]> {
        Arc::clone(self.sections_through[id].get_or_init(|| {
            if self.node(id).kind == NodeKind::Root {
                return self.section(id);
            }
            let above = self.section(id);
            above
                .iter()
                .cloned()
                .chain(std::iter::once(self.section_ref(id)))
                .collect()
        }))
    }

    /// A node as a heading above a task, its id and title shared by every
    /// task under it.
    fn section_ref(&self, id: NodeId) -> schema::SectionRef {
        self.section_refs[id]
            .get_or_init(|| schema::SectionRef {
                id: self.node_id(id),
                title: self.node(id).title.as_str().into(),
            })
            .clone()
    }

    /// A node's outline path, shared by its heading in the outline, the
    /// tasks it is and the headings above tasks under it.
    fn node_id(&self, id: NodeId) -> Arc<str> {
        Arc::clone(self.node_ids[id].get_or_init(|| self.ids[id].as_str().into()))
    }

    /// A node's title, cleaned ([`clean_title`]) once and shared by its
    /// heading in the outline and the tasks it titles.
    fn node_title(&self, id: NodeId) -> Arc<str> {
        Arc::clone(self.titles[id].get_or_init(|| clean_title(&self.node(id).title)))
    }

    /// The titles of the `+` bullets under a node, which are part of its
    /// text.
    fn plus_children(&self, id: NodeId) -> impl Iterator<Item = &'a str> + Clone + use<'a> {
        let nodes = &self.document.nodes;
        nodes[id]
            .children
            .iter()
            .map(move |&child| &nodes[child])
            .filter(|child| child.style() == Some(MarkerStyle::Plus))
            .map(|child| child.title.as_str())
    }

    /// The agencies a node opens with: in its title, else (for a topic
    /// heading) in its first paragraph, else as the subject after an
    /// introductory clause ("Trên cơ sở …, Bộ trưởng … có trách nhiệm …"),
    /// else, for a heading, the owner it names ("Nhiệm vụ của Bộ …").
    fn own_leads(&self, id: NodeId) -> Option<OwnLeads> {
        let node = self.node(id);
        if !matches!(node.kind, NodeKind::Item(_)) {
            return None;
        }
        if let Some(opening) = self.directive_opening(&node.title) {
            // "b) Các cơ quan chủ trì … gồm:" defines a group.
            let agencies = match leads::defined_group(&node.title) {
                Some(group)
                    if opening.found.agencies.len() == 1 && opening.found.agencies[0].group =>
                {
                    vec![group]
                }
                _ => opening.agencies(),
            };
            let (source, title) = match (opening.rest.is_empty(), opening.labelled) {
                (true, _) => (LeadSource::TitleOnly, None),
                (false, true) => (
                    LeadSource::Title,
                    Some(kehoach_text::capitalize(opening.rest)),
                ),
                (false, false) => (LeadSource::Title, None),
            };
            return Some(OwnLeads {
                agencies,
                source,
                title,
            });
        }
        // A topic heading ("3. Xây dựng các văn bản …", no final stop) is
        // led by the agency its first paragraph opens with; a full sentence
        // is not, and a "Giao …" paragraph after it is a task of its own.
        let topic = !node.title.trim_end().ends_with(['.', ';', ':', '!', '?']);
        if let Some(first) = node.body.first().filter(|_| topic)
            && let Some(opening) = self.directive_opening(&first.text)
        {
            return Some(OwnLeads::new(
                opening.agencies(),
                LeadSource::FirstParagraph,
            ));
        }
        if let Some(agencies) =
            leads::subject_after_introduction(&node.title, self.texts, self.aliases)
        {
            return Some(OwnLeads::new(agencies, LeadSource::Title));
        }
        if let Some(first) = node.body.first().filter(|_| topic)
            && let Some(agencies) =
                leads::subject_after_introduction(&first.text, self.texts, self.aliases)
        {
            return Some(OwnLeads::new(agencies, LeadSource::FirstParagraph));
        }
        self.owner_heading(&node.title)
            .map(|agencies| OwnLeads::new(agencies, LeadSource::Title))
    }

    /// The agencies a text opens with and the rest of the text, unless the
    /// opening is a label followed by another agency ("Cơ quan chủ quản: Bộ
    /// Tài nguyên và Môi trường."), which states a fact, not a task.
    fn directive_opening(&self, text: &'a str) -> Option<Opening<'a>> {
        let found = self.texts.leading_agencies(text, self.aliases)?;
        let end = text.floor_char_boundary(found.end);
        let rest = text[end..].trim_matches(|c: char| c == ':' || c.is_whitespace());
        let labelled =
            text[end..].trim_start().starts_with(':') || text[..end].trim_end().ends_with(':');
        if labelled && self.texts.leading_agencies(rest, self.aliases).is_some() {
            return None;
        }
        Some(Opening {
            found,
            rest,
            labelled,
        })
    }

    /// The agency a heading such as "NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ
    /// MÔI TRƯỜNG" or "Trách nhiệm của các cơ quan quản lý cấp trên" names
    /// as the owner of its section.
    fn owner_heading(&self, title: &'a str) -> Option<Vec<schema::Agency>> {
        if !phrases::key_starts_with_any(&title[..title.floor_char_boundary(40)], &OWNER_HEADINGS) {
            return None;
        }
        let at = title.find(" của ").or_else(|| title.find(" CỦA "))?;
        let owner = &title[at + " của ".len()..];
        if let Some(found) = self.texts.leading_agencies(owner, self.aliases) {
            return Some(found.agencies.iter().map(convert::agency).collect());
        }
        leads::described_group(owner).map(|owner| vec![owner])
    }

    fn fields_task(
        &mut self,
        id: NodeId,
        own: Option<&OwnLeads>,
        inherited: Option<&Vec<schema::Agency>>,
        context: &PartContext,
        attachment: Option<usize>,
    ) {
        let node = self.node(id);
        let task_id = self.node_id(id);
        // What the content fields say ("Nội dung:", "Biện pháp khắc phục:");
        // a field on the item's own line ("a) Nội dung: …") is already the
        // title, and only the paragraphs continuing it are added.
        let mut content = String::new();
        for field in node
            .fields
            .iter()
            .filter(|f| matches!(f.role, FieldRole::Content | FieldRole::Measure))
        {
            let on_title = field.span.start_line >= node.title_span.start_line
                && field.span.start_line <= node.title_span.end_line;
            if on_title {
                for item in &field.items {
                    push_line(&mut content, &item.text);
                }
            } else {
                push_line(&mut content, &field.full_value());
            }
        }
        // Its whole text with its bullets.
        let mut text = node_text(node, self.plus_children(id));
        self.push_content_of_items(id, &mut text);
        push_line(&mut text, &content);
        let mut task = self.new_task(
            id,
            task_id,
            remedy_title(node).unwrap_or_else(|| self.node_title(id)),
            text,
            Layout::Fields,
            attachment,
        );
        let mut deadline_field = None;
        for field in &node.fields {
            let value = field.full_value().into_owned();
            let line = field.span.start_line;
            match field.role {
                FieldRole::Lead => self.add_agencies(&mut task.lead, &value, "lead", line),
                FieldRole::Support => self.add_agencies(&mut task.support, &value, "support", line),
                FieldRole::DirectedBy => {
                    self.add_agencies(&mut task.directed_by, &value, "directed_by", line)
                }
                FieldRole::Approval => {
                    self.add_agencies(&mut task.approved_by, &value, "approval", line)
                }
                FieldRole::Products => task.products.extend(products(field)),
                // The first deadline field, by its index in `task.fields`.
                FieldRole::Deadline if deadline_field.is_none() => {
                    deadline_field = Some((task.fields.len(), line))
                }
                _ => {}
            }
            task.fields.push(schema::Field {
                label: field.label.as_str().into(),
                role: field.role.as_str().into(),
                value,
                span: convert::span(field.span),
            });
        }
        if task.lead.is_empty() {
            // Fields that name no lead: the item's own opening, the heading
            // above it, or the document's addressee leads.
            task.lead = own
                .map(|own| own.agencies.clone())
                .or_else(|| inherited.cloned())
                .unwrap_or_else(|| {
                    if context.directive {
                        context.addressees.clone()
                    } else {
                        Vec::new()
                    }
                });
        }
        if !node.fields.iter().any(|f| f.role == FieldRole::Support) {
            // "Phối hợp với …" in the item's own sentences (not in the
            // bullets under it, which may concern other agencies).
            let mut own_text = node_text(node, std::iter::empty());
            push_line(&mut own_text, &content);
            task.support = self.cooperating(&own_text);
        }
        if let Some((index, line)) = deadline_field {
            task.deadline = Some(self.deadline(&task.fields[index].value, context, line));
        }
        self.finish(task);
    }

    /// Adds the text of the bullets and sub-items of an item with fields
    /// that are not tasks of their own (they carry no fields).
    fn push_content_of_items(&mut self, id: NodeId, text: &mut String) {
        // One stack for every item, given back below.
        let mut stack = std::mem::take(&mut self.items);
        stack.clear();
        stack.extend(self.node(id).children.iter().rev().copied());
        while let Some(child) = stack.pop() {
            let node = self.node(child);
            if has_task_fields(node) || node.style() == Some(MarkerStyle::Plus) {
                // A task of its own, or already in the text as a `+` item.
                continue;
            }
            push_own_text(text, node, self.plus_children(child), &[]);
            stack.extend(node.children.iter().rev().copied());
        }
        self.items = stack;
    }

    /// Settles what every task needs before it is recorded: each agency
    /// once per list, no single agency both leading and supporting (a
    /// collection may: "các bộ, ngành" lead their parts and support each
    /// other), and the references its own text and fields cite.
    fn finish(&mut self, mut task: schema::Task) {
        // A task lists a few agencies: the keys seen are searched in a
        // short vector, not hashed into a set.
        let keys = &mut self.keys;
        for agencies in [
            &mut task.lead,
            &mut task.support,
            &mut task.directed_by,
            &mut task.approved_by,
        ] {
            if agencies.len() > 1 {
                keys.clear();
                agencies.retain(|agency| {
                    let key = self.texts.name_key(&agency.name);
                    let new = !keys.contains(&key);
                    if new {
                        keys.push(key);
                    }
                    new
                });
            }
        }
        if !task.lead.is_empty() && task.support.iter().any(|a| !a.group) {
            keys.clear();
            keys.extend(task.lead.iter().map(|a| self.texts.name_key(&a.name)));
            task.support
                .retain(|a| a.group || !keys.contains(&self.texts.name_key(&a.name)));
        }
        task.references = self.references(&task);
        self.out.tasks.push(task);
    }

    /// A directive task: the item's own lines, without the paragraphs that
    /// are tasks of their own (`separate`).
    fn directive_task(
        &mut self,
        id: NodeId,
        leads: DirectiveLeads<'_>,
        separate: &[bool],
        context: &PartContext,
        attachment: Option<usize>,
    ) {
        let DirectiveLeads {
            own,
            inherited,
            role,
        } = leads;
        let node = self.node(id);
        // Who leads is settled before the text is built and folded for
        // boilerplate: an item that no one leads is no task whatever it says.
        // Funding sections hold tasks only where an agency is named outright.
        let leads = match (own, role) {
            (Some(own), _) => Some(&own.agencies),
            (None, Some(SectionRole::Funding)) => None,
            (None, _) => inherited,
        };
        let leads = match leads {
            Some(leads) => leads,
            None if context.directive && node.style() != Some(MarkerStyle::Article) => {
                &context.addressees
            }
            None => return,
        };
        let text = own_text(node, self.plus_children(id), separate);
        if phrases::is_boilerplate(&text) {
            return;
        }
        let leads = leads.clone();
        // A heading that is only an agency ("3. Sở Công Thương") takes its
        // first paragraph as the task's title.
        let title = match own {
            Some(OwnLeads {
                source: LeadSource::TitleOnly,
                ..
            }) => node
                .body
                .first()
                .map_or_else(|| self.node_title(id), |p| clean_title(&p.text)),
            Some(OwnLeads {
                title: Some(title), ..
            }) => clean_title(title),
            _ => self.node_title(id),
        };
        let task_id = self.node_id(id);
        let mut task = self.new_task(id, task_id, title, text, Layout::Directive, attachment);
        let has_items = node
            .children
            .iter()
            .any(|&child| self.node(child).style() != Some(MarkerStyle::Plus));
        if has_items || separate.contains(&true) {
            // Its own lines, not its items' nor those of its paragraphs
            // that are tasks of their own.
            let kept_body = node
                .body
                .iter()
                .zip(separate.iter().chain(std::iter::repeat(&false)))
                .filter(|(_, separate)| !**separate)
                .map(|(paragraph, _)| paragraph.span);
            let plus = node
                .children
                .iter()
                .map(|&child| self.node(child))
                .filter(|child| child.style() == Some(MarkerStyle::Plus))
                .map(|child| child.span);
            let own_span = kept_body
                .chain(node.rows.iter().map(|row| row.span))
                .chain(plus)
                .fold(node.title_span, |span, part| span.cover(part));
            task.span = convert::span(own_span);
        }
        self.finish_directive(task, leads, context);
    }

    /// Records a directive task: its leads, and the supporters and the
    /// deadline its sentence names.
    fn finish_directive(
        &mut self,
        mut task: schema::Task,
        leads: Vec<schema::Agency>,
        context: &PartContext,
    ) {
        task.lead = leads;
        task.support = self.cooperating(&task.text);
        task.deadline = self.found_deadline(&task.text, context);
        self.finish(task);
    }

    /// Paragraphs inside an item that assign a task of their own: "Giao Sở
    /// Tài nguyên và Môi trường … tiếp tục …", "Văn phòng Chính phủ theo
    /// dõi, đôn đốc …"; and, later in a paragraph, a sentence that opens
    /// with an assigning word ("… so với năm 2024. Giao Văn phòng Bộ tổng
    /// hợp chung …"), which becomes task `<item>.s1`, `.s2` ….
    fn assigning_paragraphs(
        &mut self,
        id: NodeId,
        separate: &[bool],
        context: &PartContext,
        attachment: Option<usize>,
    ) {
        let node = self.node(id);
        let mut sentences = 0;
        let title = std::iter::once((&node.title, node.title_span));
        let body = node.body.iter().map(|p| (&p.text, p.span));
        let n_paragraphs = 1 + node.body.len();
        // `+` bullets are the item's text too, but a whole bullet naming an
        // agency ("+ Sở Xây dựng: hướng dẫn …") stays part of the item.
        let plus = node
            .children
            .iter()
            .map(|&child| &self.document.nodes[child])
            .filter(|child| child.style() == Some(MarkerStyle::Plus))
            .map(|child| (&child.title, child.title_span));
        for (index, (text, span)) in title.chain(body).chain(plus).enumerate() {
            let whole = index > 0
                && index < n_paragraphs
                && separate.get(index - 1).copied().unwrap_or(false);
            if whole && let Some(opening) = self.assigning_opening(text) {
                let task = self.sub_task(
                    id,
                    [
                        self.ids[id].as_str(),
                        ".p",
                        itoa::Buffer::new().format(index),
                    ]
                    .concat()
                    .into(),
                    text,
                    span,
                    attachment,
                );
                self.finish_directive(task, opening.agencies(), context);
            }
            for sentence in later_sentences(text) {
                if !phrases::starts_with_any(sentence, &ASSIGN_OPENERS) {
                    continue;
                }
                if let Some(opening) = self.assigning_opening(sentence) {
                    sentences += 1;
                    let task_id = [
                        self.ids[id].as_str(),
                        ".s",
                        itoa::Buffer::new().format(sentences),
                    ]
                    .concat()
                    .into();
                    let task = self.sub_task(id, task_id, sentence, span, attachment);
                    self.finish_directive(task, opening.agencies(), context);
                }
            }
        }
    }

    /// Which body paragraphs of an item assign a task of their own ("Giao
    /// Sở … tiếp tục …"), pushed onto `separate`; the first does not when it
    /// is the one the item's own leads come from. A paragraph past the end
    /// of `separate` does not: in a funding section, none does.
    fn separate_paragraphs(
        &self,
        id: NodeId,
        own: Option<&OwnLeads>,
        role: Option<SectionRole>,
        separate: &mut Vec<bool>,
    ) {
        let node = self.node(id);
        if role == Some(SectionRole::Funding) {
            return;
        }
        let skip_first = matches!(
            own.map(|o| o.source),
            Some(LeadSource::TitleOnly | LeadSource::FirstParagraph)
        );
        separate.extend(node.body.iter().enumerate().map(|(index, paragraph)| {
            !(index == 0 && skip_first) && self.assigning_opening(&paragraph.text).is_some()
        }));
    }

    /// The agencies a paragraph or sentence assigns a task to, unless it is
    /// the execution clause of a decision.
    fn assigning_opening(&self, text: &'a str) -> Option<Opening<'a>> {
        // Most paragraphs open with no agency, which the memo of openings
        // tells more cheaply than the boilerplate phrases.
        let opening = self.directive_opening(text)?;
        (!phrases::is_boilerplate(text)).then_some(opening)
    }

    /// A task that a paragraph or sentence inside an item assigns, under
    /// that item.
    fn sub_task(
        &self,
        id: NodeId,
        task_id: Arc<str>,
        text: &str,
        span: syntax::Span,
        attachment: Option<usize>,
    ) -> schema::Task {
        let mut task = self.new_task(
            id,
            task_id,
            clean_title(text),
            text.to_owned(),
            Layout::Directive,
            attachment,
        );
        task.section = self.section_through(id);
        task.span = convert::span(span);
        task
    }

    fn table_tasks(
        &mut self,
        node_id: NodeId,
        table_index: usize,
        role: Option<SectionRole>,
        context: &PartContext,
        attachment: Option<usize>,
    ) {
        let table = &self.document.tables[table_index];
        let node = self.node(node_id);
        let mut prefix = self.ids[node_id].clone();
        if node.tables.len() > 1 {
            let position = node
                .tables
                .iter()
                .position(|&t| t == table_index)
                .unwrap_or(0);
            prefix = join_id(&prefix, &format!("T{}", position + 1));
        }
        let mut section: Option<schema::SectionRef> = None;
        // Where each row's id is joined before it is shared.
        let mut scratch = String::new();
        // The headings above the rows: the node's, the node, and the
        // table's section row once there is one.
        let mut row_section = self.section_through(node_id);
        // The column headers, shared by the fields of every row.
        let headers: Vec<Arc<str>> = table
            .columns
            .iter()
            .map(|column| column.header.as_str().into())
            .collect();
        for (row_index, row) in table.rows.iter().enumerate() {
            let content = row
                .cell(&table.columns, ColumnRole::Content)
                .map_or("", |c| c.text.as_str());
            let label = row.marker.as_ref().map(|m| &*m.label);
            if row.kind == RowKind::Section {
                let section_id: Arc<str> = join_id(&prefix, label.unwrap_or("")).into();
                let title: Arc<str> = content.into();
                self.out.outline.push(schema::Heading {
                    id: Arc::clone(&section_id),
                    style: "roman".into(),
                    title: Arc::clone(&title),
                    text: String::new(),
                    role: SectionRole::of_title(content).map(|r| r.as_str().into()),
                    depth: u32::try_from(self.depth(node_id) + 1).unwrap_or(u32::MAX),
                    span: convert::span(row.span),
                    attachment,
                });
                let section_ref = schema::SectionRef {
                    id: section_id,
                    title,
                };
                row_section = self
                    .section_through(node_id)
                    .iter()
                    .cloned()
                    .chain(std::iter::once(section_ref.clone()))
                    .collect();
                section = Some(section_ref);
                continue;
            }
            let base = section
                .as_ref()
                .map_or(prefix.as_str(), |section| &section.id);
            let mut number = itoa::Buffer::new();
            let parts: &[&str] = match label {
                Some("") => &[base],
                Some(label) if base.is_empty() => &[label],
                Some(label) => &[base, ".", label],
                None if base.is_empty() => &["r", number.format(row_index + 1)],
                None => &[base, ".r", number.format(row_index + 1)],
            };
            let task_id: Arc<str> = Arc::from(joined(&mut scratch, parts));
            if role == Some(SectionRole::Target) {
                self.out.targets.push(schema::Target {
                    id: task_id.to_string(),
                    section: self.section(node_id),
                    text: content.to_owned(),
                    span: convert::span(row.span),
                });
                continue;
            }
            let mut task = self.new_task(
                node_id,
                task_id,
                clean_title(content),
                content.to_owned(),
                Layout::Table,
                attachment,
            );
            task.section = Arc::clone(&row_section);
            task.span = convert::span(row.span);
            for (column_index, (column, cell)) in table.columns.iter().zip(&row.cells).enumerate() {
                let line = cell.span.start_line;
                match column.role {
                    ColumnRole::Lead => self.add_agencies(&mut task.lead, &cell.text, "lead", line),
                    ColumnRole::Support => {
                        self.add_agencies(&mut task.support, &cell.text, "support", line)
                    }
                    ColumnRole::Approval => {
                        self.add_agencies(&mut task.approved_by, &cell.text, "approval", line)
                    }
                    ColumnRole::Products => task.products.extend(split_products(&cell.text)),
                    ColumnRole::Deadline if !cell.text.is_empty() => {
                        task.deadline = Some(self.deadline(&cell.text, context, line));
                    }
                    _ => {}
                }
                if matches!(column.role, ColumnRole::Content | ColumnRole::Number)
                    || cell.text.is_empty()
                {
                    continue;
                }
                task.fields.push(schema::Field {
                    label: Arc::clone(&headers[column_index]),
                    role: column_field_role(column.role).into(),
                    value: cell.text.clone(),
                    span: convert::span(cell.span),
                });
            }
            self.finish(task);
        }
    }

    fn new_task(
        &self,
        node: NodeId,
        id: Arc<str>,
        title: Arc<str>,
        text: String,
        layout: Layout,
        attachment: Option<usize>,
    ) -> schema::Task {
        let source = self.node(node);
        schema::Task {
            id,
            section: self.section(node),
            title,
            text,
            layout,
            lead: Vec::new(),
            support: Vec::new(),
            directed_by: Vec::new(),
            approved_by: Vec::new(),
            products: Vec::new(),
            deadline: None,
            fields: Vec::new(),
            references: Vec::new(),
            span: convert::span(source.span),
            attachment,
        }
    }

    fn add_agencies(
        &mut self,
        target: &mut Vec<schema::Agency>,
        value: &str,
        role: &str,
        line: u32,
    ) {
        /// A value longer than this is a sentence, whose predicate is
        /// expected to name no agency.
        const LIST_WORDS: usize = 15;
        let list = self.texts.agencies(value, self.aliases);
        let (agencies, leftover) = &*list;
        target.extend_from_slice(agencies);
        let mut unrecognised = leftover
            .iter()
            .filter(|text| text.chars().any(char::is_alphabetic))
            .peekable();
        if unrecognised.peek().is_none() || value.split_whitespace().count() > LIST_WORDS {
            return;
        }
        for text in unrecognised {
            self.out.diagnostics.push(schema::Diagnostic {
                severity: "info".to_owned(),
                code: "agency-unrecognised".to_owned(),
                message: format!("text in a {role} field names no agency: '{text}'"),
                line: Some(line),
            });
        }
    }

    fn cooperating(&self, text: &str) -> Vec<schema::Agency> {
        self.texts
            .cooperating_agencies(text, self.aliases)
            .iter()
            .map(convert::agency)
            .collect()
    }

    fn deadline(&mut self, phrase: &str, context: &PartContext, line: u32) -> schema::Deadline {
        // The full stop ending a field's line is not part of the phrase.
        let phrase = phrase.trim().trim_end_matches(['.', ';', ',']).trim_end();
        let parsed = self.texts.deadline(phrase, &context.deadlines);
        if parsed.kind == DeadlineKind::Unknown {
            self.out.diagnostics.push(schema::Diagnostic {
                severity: "warning".to_owned(),
                code: "deadline-unknown".to_owned(),
                message: format!("deadline phrase not understood: '{}'", parsed.raw),
                line: Some(line),
            });
        } else if let Some(leftover) = &parsed.leftover {
            self.out.diagnostics.push(schema::Diagnostic {
                severity: "info".to_owned(),
                code: "deadline-leftover".to_owned(),
                message: format!(
                    "part of a deadline phrase not understood: '{leftover}' in '{}'",
                    parsed.raw
                ),
                line: Some(line),
            });
        }
        convert::deadline(&parsed)
    }

    fn found_deadline(&self, text: &str, context: &PartContext) -> Option<schema::Deadline> {
        self.texts.found_deadline(text, &context.deadlines)
    }

    /// The references a task's own text and fields cite, each document
    /// once. Each line and each field is read on its own, so a citation is
    /// never glued together from neighbouring cells.
    fn references(&mut self, task: &schema::Task) -> Vec<schema::Reference> {
        let pieces = marks::lines(&task.text).chain(
            task.fields
                .iter()
                .flat_map(|field| marks::lines(&field.value)),
        );
        let lists = &mut self.citations;
        lists.clear();
        for piece in pieces {
            let list = self.texts.citations(piece);
            if !list.is_empty() {
                lists.push(list);
            }
        }
        convert::distinct_references(lists)
    }
}

/// Who may lead a directive: the item's own agencies, else those of the
/// heading above it (not in a funding section).
#[derive(Clone, Copy)]
struct DirectiveLeads<'o> {
    own: Option<&'o OwnLeads>,
    inherited: Option<&'o Vec<schema::Agency>>,
    role: Option<SectionRole>,
}

/// Where a node's own leads were found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LeadSource {
    /// The title is only the agency ("3. Sở Công Thương").
    TitleOnly,
    /// The title opens with the agency and goes on.
    Title,
    /// The first body paragraph opens with the agency.
    FirstParagraph,
}

struct OwnLeads {
    agencies: Vec<schema::Agency>,
    source: LeadSource,
    /// The task's title when the heading labels it with the agency
    /// ("Văn phòng Bộ: Thực hiện tốt …").
    title: Option<String>,
}

impl OwnLeads {
    fn new(agencies: Vec<schema::Agency>, source: LeadSource) -> Self {
        OwnLeads {
            agencies,
            source,
            title: None,
        }
    }
}

/// The agencies a text opens with.
struct Opening<'t> {
    /// The agencies as found, converted only for the callers that keep
    /// them ([`Opening::agencies`]): most only ask whether there are any.
    found: Rc<LeadingAgencies>,
    /// The text after them, without the colon.
    rest: &'t str,
    /// A colon separates them from the rest ("Sở Nội vụ: …").
    labelled: bool,
}

impl Opening<'_> {
    /// The agencies, as output agencies.
    fn agencies(&self) -> Vec<schema::Agency> {
        self.found.agencies.iter().map(convert::agency).collect()
    }
}

/// True when a heading with items under it is itself a complete
/// directive: "7. Giao Sở Khoa học và Công nghệ: Tăng cường công tác kiểm
/// tra … ." (not a lead-in such as "1. Cục Biến đổi khí hậu có trách
/// nhiệm:").
fn is_directive_heading(node: &syntax::Node, own: Option<&OwnLeads>) -> bool {
    own.is_some_and(|own| own.source == LeadSource::Title) && syntax::reads_as_sentence(&node.title)
}

/// The sentences of a paragraph after its first: each starts after ". "
/// at a capital letter.
fn later_sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut starts = marks::before_space(text, b'.')
        .map(|at| at + 2)
        .filter(|&start| text[start..].starts_with(char::is_uppercase))
        .peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        let end = starts.peek().map_or(text.len(), |&next| next - 1);
        Some(text[start..end].trim())
    })
}

/// A node's title, body paragraphs, table rows and `+` bullets, one per
/// line.
fn node_text<'t>(node: &syntax::Node, plus: impl Iterator<Item = &'t str> + Clone) -> String {
    own_text(node, plus, &[])
}

/// [`node_text`] without the body paragraphs marked in `separate`.
fn own_text<'t>(
    node: &syntax::Node,
    plus: impl Iterator<Item = &'t str> + Clone,
    separate: &[bool],
) -> String {
    // Room for every part and a line break after it: made once.
    let room = node.title.len()
        + node
            .body
            .iter()
            .chain(&node.rows)
            .map(|paragraph| paragraph.text.len() + 1)
            .sum::<usize>()
        + plus.clone().map(|item| item.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(room);
    push_own_text(&mut text, node, plus, separate);
    text
}

/// Adds the lines of [`own_text`] to `text`, as [`push_line`] adds each.
fn push_own_text<'t>(
    text: &mut String,
    node: &syntax::Node,
    plus: impl Iterator<Item = &'t str>,
    separate: &[bool],
) {
    push_line(text, &node.title);
    let body = node
        .body
        .iter()
        .zip(separate.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, separate)| !**separate)
        .map(|(paragraph, _)| paragraph);
    for paragraph in body.chain(&node.rows) {
        push_line(text, &paragraph.text);
    }
    for item in plus {
        push_line(text, item);
    }
}

fn push_line(text: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

/// `parts` one after the other in `scratch`, emptied first.
fn joined<'s>(scratch: &'s mut String, parts: &[&str]) -> &'s str {
    scratch.clear();
    for part in parts {
        scratch.push_str(part);
    }
    scratch
}

fn join_id(base: &str, segment: &str) -> String {
    match (base.is_empty(), segment.is_empty()) {
        (_, true) => base.to_owned(),
        (true, false) => segment.to_owned(),
        (false, false) => [base, ".", segment].concat(),
    }
}

/// The products of a field: one per `+` item, else the value split at
/// semicolons.
fn products(field: &syntax::Field) -> Vec<String> {
    let mut products = split_products(&field.value);
    products.extend(
        field
            .items
            .iter()
            .map(|item| clean_product(&item.text))
            .filter(|p| !p.is_empty()),
    );
    products
}

fn split_products(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(clean_product)
        .filter(|product| !product.is_empty())
        .collect()
}

fn clean_product(text: &str) -> String {
    text.trim()
        .trim_start_matches(['+', '-', ' '])
        .trim_end_matches(['.', ';', ',', ' '])
        .to_owned()
}

/// True when a text states a quantity (a percentage or a comparison), as a
/// target does.
fn is_quantified(text: &str) -> bool {
    text.contains('%') || text.contains('≥') || text.contains('≤')
}

fn column_field_role(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::Lead => "lead",
        ColumnRole::Support => "support",
        ColumnRole::Approval => "approval",
        ColumnRole::Products => "products",
        ColumnRole::Deadline => "deadline",
        ColumnRole::Content => "content",
        ColumnRole::Number | ColumnRole::Note | ColumnRole::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_cleaned() {
        for (title, clean) in [
            ("  Triển khai kế hoạch  ", "Triển khai kế hoạch"),
            ("Tổ chức thực hiện ./.", "Tổ chức thực hiện."),
            ("\u{a0}Hết./. ", "Hết."),
            ("./.", "."),
            ("", ""),
        ] {
            assert_eq!(&*clean_title(title), clean);
        }
    }

    #[test]
    fn sentences_after_the_first() {
        let text = "Mở đầu. Giao Sở A làm. tiếp theo. Sở B làm.";
        let sentences: Vec<&str> = later_sentences(text).collect();
        assert_eq!(sentences, ["Giao Sở A làm. tiếp theo.", "Sở B làm."]);
        assert_eq!(later_sentences("Một câu.").count(), 0);
    }
}
