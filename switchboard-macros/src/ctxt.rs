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

/// Collects errors.
#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// Records an error.
    pub fn error(&mut self, error: syn::Error) {
        self.errors.push(error);
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

    /// Every error as `compile_error!` invocations.
    pub fn into_compile_errors(self) -> TokenStream {
        let mut errors = self.errors.into_iter();
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
