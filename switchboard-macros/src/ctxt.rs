//! The error context: every error of an invocation is collected and emitted together, as
//! `serde_derive` does, so one build shows every problem.

use proc_macro2::{Ident, Span, TokenStream};

/// A source range: the first and last token of the offending input. rustc underlines the
/// whole range when an error carries both.
#[derive(Debug, Clone, Copy)]
pub struct Loc {
    /// The first token.
    pub start: Span,
    /// The last token.
    pub end: Span,
}

impl Loc {
    /// A range from `start` to `end`.
    pub fn new(start: Span, end: Span) -> Self {
        Loc { start, end }
    }
}

/// Collects errors, each with the item it belongs to, so that the build lists them item by
/// item (parse and rule errors of the first profile, then of the second, ...).
#[derive(Default)]
pub struct Ctxt {
    errors: Vec<(usize, syn::Error)>,
    item: usize,
}

impl Ctxt {
    /// Records an error of the current item.
    pub fn error(&mut self, error: syn::Error) {
        self.errors.push((self.item, error));
    }

    /// Makes `index` the current item; errors of the invocation as a whole use `usize::MAX`.
    pub fn set_item(&mut self, index: usize) {
        self.item = index;
    }

    /// How many errors were recorded so far.
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// True once an error was recorded.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// An error spanning `loc`, without a context at hand.
    pub fn spanned_static(loc: Loc, message: impl std::fmt::Display) -> syn::Error {
        let range: TokenStream = [
            proc_macro2::TokenTree::Ident(Ident::new("start", loc.start)),
            proc_macro2::TokenTree::Ident(Ident::new("end", loc.end)),
        ]
        .into_iter()
        .collect();
        syn::Error::new_spanned(range, message)
    }

    /// Every error as `compile_error!` invocations, item by item.
    pub fn into_compile_errors(mut self) -> TokenStream {
        self.errors.sort_by_key(|(item, _)| *item);
        let mut errors = self.errors.into_iter().map(|(_, error)| error);
        match errors.next() {
            None => TokenStream::new(),
            Some(mut first) => {
                for e in errors {
                    first.combine(e);
                }
                first.into_compile_error()
            }
        }
    }
}
