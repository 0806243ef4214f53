//! Prints the metadata and outline the parser finds in a text file, for a
//! maintainer checking a document: `cargo run -p kehoach-syntax --example
//! outline -- FILE`.

use kehoach_syntax::{Document, NodeId, NodeKind, RowKind};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: outline FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let parse = kehoach_syntax::parse(&text);
    let document = &parse.document;
    for (index, part) in document.parts.iter().enumerate() {
        let m = &part.metadata;
        println!(
            "== part {index} lines {}-{}",
            part.span.start_line, part.span.end_line
        );
        println!(
            "kind={:?} number={:?} raw={:?}",
            m.kind,
            m.number,
            m.number_raw.as_ref().map(|n| &n.text)
        );
        println!(
            "place={:?} date={:?}",
            m.place.as_ref().map(|p| &p.text),
            m.date.as_ref().map(|d| d.parts)
        );
        println!(
            "issuer={:?} authority={:?}",
            m.issuer.as_ref().map(|p| &p.text),
            m.authority.as_ref().map(|p| &p.text)
        );
        println!("title={:?}", m.title.as_ref().map(|p| &p.text));
        println!(
            "parent={:?}",
            m.parent.as_ref().map(|p| (p.kind, &p.number, p.date))
        );
        println!("signer={:?}", m.signer);
        println!(
            "recipients={:?}",
            m.recipients.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
        println!(
            "addressees={:?}",
            m.addressees.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
        print_node(document, part.root, 0);
        for closing in &part.closing {
            println!(
                "  CLOSING L{}: {}",
                closing.span.start_line,
                short(&closing.text)
            );
        }
    }
    println!("repairs: {:?}", parse.repairs);
    for diagnostic in &parse.diagnostics {
        println!(
            "diag {:?} {} L{:?}: {}",
            diagnostic.severity, diagnostic.code, diagnostic.line, diagnostic.message
        );
    }
}

fn short(text: &str) -> String {
    let cut = text.floor_char_boundary(110);
    if cut < text.len() {
        format!("{}…", &text[..cut])
    } else {
        text.to_owned()
    }
}

fn print_node(document: &Document, id: NodeId, depth: usize) {
    let node = &document.nodes[id];
    let indent = "  ".repeat(depth);
    let label = match node.kind {
        NodeKind::Root => "ROOT".to_owned(),
        NodeKind::Group(style) => format!("GROUP({})", style.as_str()),
        NodeKind::Item(style) => format!(
            "{}[{}]",
            style.as_str(),
            node.marker.as_ref().map_or("", |m| &*m.label)
        ),
    };
    println!(
        "{indent}{label} L{}-{} role={:?}: {}",
        node.span.start_line,
        node.span.end_line,
        node.role.map(|r| r.as_str()),
        short(&node.title)
    );
    for paragraph in &node.body {
        println!(
            "{indent}  | L{}: {}",
            paragraph.span.start_line,
            short(&paragraph.text)
        );
    }
    for field in &node.fields {
        println!(
            "{indent}  * {} [{}] L{}-{}: {}",
            field.label,
            field.role.as_str(),
            field.span.start_line,
            field.span.end_line,
            short(&field.value)
        );
        for item in &field.items {
            println!("{indent}      + {}", short(&item.text));
        }
    }
    for &table in &node.tables {
        let table = &document.tables[table];
        let columns: Vec<&str> = table.columns.iter().map(|c| c.role.as_str()).collect();
        println!(
            "{indent}  TABLE L{}-{} {:?}",
            table.span.start_line, table.span.end_line, columns
        );
        for row in &table.rows {
            let marker = row.marker.as_ref().map_or("", |m| &*m.label);
            let kind = if row.kind == RowKind::Section {
                "SECTION"
            } else {
                "row"
            };
            let cells: Vec<String> = row.cells.iter().map(|c| short(&c.text)).collect();
            println!(
                "{indent}    {kind} {marker} L{}-{} {:?}",
                row.span.start_line, row.span.end_line, cells
            );
        }
    }
    for &child in &node.children {
        print_node(document, child, depth + 1);
    }
}
