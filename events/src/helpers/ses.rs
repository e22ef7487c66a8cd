//! SES receiving conveniences: headers by name (as email compares them,
//! ignoring case), the verdicts of a receipt, and the answer of a
//! `RequestResponse` function.

use crate::ses::{SesDisposition, SesDispositionResponse, SesMail, SesReceipt, SesVerdict, SesVerdictStatus};

impl SesMail {
    /// The value of the first header named `name`, ignoring ASCII case
    /// (`header("message-id")` finds `Message-ID`); `None` when the message
    /// has no such header (or `headers` was truncated before it).
    #[inline]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().flatten().find(|header| header.name.eq_ignore_ascii_case(name)).map(|header| header.value.as_str())
    }

    /// The values of every header named `name`, ignoring ASCII case, in
    /// message order (`Received` repeats, one per hop, newest first).
    #[inline]
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().flatten().filter(move |header| header.name.eq_ignore_ascii_case(name)).map(|header| header.value.as_str())
    }
}

impl SesVerdict {
    /// Whether the check passed.
    #[inline]
    pub fn is_pass(&self) -> bool {
        self.status == SesVerdictStatus::Pass
    }
}

impl SesReceipt {
    /// The verdicts the receipt carries, by name (`spam`, `virus`, `spf`,
    /// `dkim`, `dmarc`), in that order; absent ones are skipped.
    #[inline]
    pub fn verdicts(&self) -> impl Iterator<Item = (&'static str, &SesVerdict)> + '_ {
        [("spam", &self.spam_verdict), ("virus", &self.virus_verdict), ("spf", &self.spf_verdict), ("dkim", &self.dkim_verdict), ("dmarc", &self.dmarc_verdict)]
            .into_iter()
            .filter_map(|(name, verdict)| verdict.as_ref().map(|verdict| (name, verdict)))
    }

    /// Whether the spam or the virus check failed: the usual reason to drop
    /// or bounce a received message.
    #[inline]
    pub fn is_spam_or_virus(&self) -> bool {
        let failed = |verdict: &Option<SesVerdict>| verdict.as_ref().is_some_and(|verdict| verdict.status == SesVerdictStatus::Fail);
        failed(&self.spam_verdict) || failed(&self.virus_verdict)
    }
}

impl From<SesDisposition> for SesDispositionResponse {
    #[inline]
    fn from(disposition: SesDisposition) -> Self {
        SesDispositionResponse { disposition, ..Default::default() }
    }
}

impl SesDispositionResponse {
    /// `CONTINUE`: SES runs the rule's next actions.
    #[inline]
    pub fn continue_processing() -> Self {
        SesDisposition::Continue.into()
    }

    /// `STOP_RULE`: SES runs no further action of this rule, but goes on with the next rules.
    #[inline]
    pub fn stop_rule() -> Self {
        SesDisposition::StopRule.into()
    }

    /// `STOP_RULE_SET`: SES runs no further action or rule for this message.
    #[inline]
    pub fn stop_rule_set() -> Self {
        SesDisposition::StopRuleSet.into()
    }
}

#[cfg(test)]
mod tests {
    use crate::ses::{SesDispositionResponse, SesEvent};

    #[test]
    fn dispositions_are_written_as_ses_expects() {
        let json = |response: SesDispositionResponse| serde_json::to_string(&response).unwrap();
        assert_eq!(json(SesDispositionResponse::stop_rule_set()), r#"{"disposition":"STOP_RULE_SET"}"#);
        assert_eq!(json(SesDispositionResponse::stop_rule()), r#"{"disposition":"STOP_RULE"}"#);
        assert_eq!(json(SesDispositionResponse::continue_processing()), r#"{"disposition":"CONTINUE"}"#);
    }

    #[test]
    fn headers_by_name_and_verdicts() {
        let event: SesEvent = serde_json::from_value(serde_json::json!({ "Records": [{
            "eventSource": "aws:ses",
            "ses": {
                "mail": { "messageId": "m1", "headers": [
                    { "name": "Received", "value": "from a" }, { "name": "Message-ID", "value": "<x@example.com>" }, { "name": "received", "value": "from b" }
                ] },
                "receipt": {
                    "spamVerdict": { "status": "PASS" }, "virusVerdict": { "status": "FAIL" }, "dkimVerdict": { "status": "GRAY" },
                    "action": { "type": "Lambda", "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:inbound", "invocationType": "Event" }
                }
            }
        }] }))
        .unwrap();
        let message = &event.records[0].ses;
        assert_eq!(message.mail.header("message-id"), Some("<x@example.com>"));
        assert_eq!(message.mail.header_values("RECEIVED").collect::<Vec<_>>(), vec!["from a", "from b"]);
        assert_eq!(message.mail.header("Subject"), None);
        let verdicts: Vec<(&str, bool)> = message.receipt.verdicts().map(|(name, verdict)| (name, verdict.is_pass())).collect();
        assert_eq!(verdicts, vec![("spam", true), ("virus", false), ("dkim", false)]);
        assert!(message.receipt.is_spam_or_virus());
    }
}
