//! AWS Transfer Family conveniences: the identity provider's answer for an S3
//! or EFS home directory, logical directory mappings, a session policy,
//! public keys and the POSIX identity. An empty answer refuses the user.

use crate::transfer::{TransferHomeDirectoryType, TransferIdentityProviderRequest, TransferIdentityProviderResponse, TransferPosixProfile, TransferProtocol};

impl TransferIdentityProviderRequest {
    /// The password, for password authentication (absent or empty for SSH key authentication).
    #[inline]
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref().filter(|password| !password.is_empty())
    }

    /// Whether the client authenticates with an SSH key: SFTP without a password.
    #[inline]
    pub fn is_key_authentication(&self) -> bool {
        self.protocol == TransferProtocol::Sftp && self.password().is_none()
    }
}

impl TransferIdentityProviderResponse {
    /// Refuses the user: an empty object.
    #[inline]
    pub fn deny() -> Self {
        TransferIdentityProviderResponse::default()
    }

    /// Accepts the user with the session's IAM role and a home directory path
    /// (`/bucket/home/user` for S3, `/fs-id/home/user` for EFS).
    pub fn with_home_directory(role_arn: impl Into<String>, home_directory: impl Into<String>) -> Self {
        let mut response = TransferIdentityProviderResponse::default();
        response.role = Some(role_arn.into());
        response.home_directory = Some(home_directory.into());
        response.home_directory_type = Some(TransferHomeDirectoryType::Path);
        response
    }

    /// Accepts the user with the session's IAM role and logical directories:
    /// `(entry, target)` pairs such as `("/", "/bucket/home/user")`.
    pub fn with_logical_directories<I, E, T>(role_arn: impl Into<String>, mappings: I) -> Self
    where
        I: IntoIterator<Item = (E, T)>,
        E: Into<String>,
        T: Into<String>,
    {
        let entries: Vec<serde_json::Value> =
            mappings.into_iter().map(|(entry, target)| serde_json::json!({ "Entry": entry.into(), "Target": target.into() })).collect();
        let mut response = TransferIdentityProviderResponse::default();
        response.role = Some(role_arn.into());
        response.home_directory_type = Some(TransferHomeDirectoryType::Logical);
        response.home_directory_details = Some(serde_json::Value::Array(entries).to_string());
        response
    }

    /// A session policy (the IAM policy document as JSON text).
    pub fn with_policy(mut self, policy_json: impl Into<String>) -> Self {
        self.policy = Some(policy_json.into());
        self
    }

    /// The user's SSH public keys.
    pub fn with_public_keys<I, S>(mut self, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.public_keys = Some(keys.into_iter().map(Into::into).collect());
        self
    }

    /// The POSIX identity for Amazon EFS.
    pub fn with_posix_profile(mut self, uid: i64, gid: i64, secondary_gids: impl IntoIterator<Item = i64>) -> Self {
        let mut profile = TransferPosixProfile::default();
        profile.uid = Some(uid);
        profile.gid = Some(gid);
        let secondary: Vec<i64> = secondary_gids.into_iter().collect();
        profile.secondary_gids = (!secondary.is_empty()).then_some(secondary);
        self.posix_profile = Some(profile);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = include_str!("../../../fixtures/transfer/identity_provider_request/sftp-ssh-key-no-password.json");
    const FTP_EMPTY: &str = include_str!("../../../fixtures/transfer/identity_provider_request/ftp-empty-password.json");
    const PASSWORD: &str = include_str!("../../../fixtures/transfer/identity_provider_request/sftp-password.json");

    #[test]
    fn password_or_key_authentication() {
        let key: TransferIdentityProviderRequest = serde_json::from_str(KEY).unwrap();
        assert!(key.is_key_authentication());
        let ftp: TransferIdentityProviderRequest = serde_json::from_str(FTP_EMPTY).unwrap();
        assert!(ftp.password().is_none() && !ftp.is_key_authentication());
        let password: TransferIdentityProviderRequest = serde_json::from_str(PASSWORD).unwrap();
        assert_eq!(password.password(), Some("correct horse battery staple"));
    }

    #[test]
    fn responses_are_built() {
        let role = "arn:aws:iam::111122223333:role/transfer-s3-access";
        let logical = TransferIdentityProviderResponse::with_logical_directories(role, [("/", "/bucket/home/jdoe")]);
        assert_eq!(
            serde_json::to_value(&logical).unwrap(),
            serde_json::json!({ "Role": role, "HomeDirectoryType": "LOGICAL", "HomeDirectoryDetails": "[{\"Entry\":\"/\",\"Target\":\"/bucket/home/jdoe\"}]" })
        );
        let mappings: Vec<serde_json::Value> = logical.home_directory_details_json().unwrap();
        assert_eq!(mappings[0]["Target"], "/bucket/home/jdoe");
        let efs = TransferIdentityProviderResponse::with_home_directory(role, "/fs-0123/home/deploy")
            .with_posix_profile(1001, 1001, [])
            .with_public_keys(["ssh-ed25519 AAAA"]);
        assert_eq!(
            serde_json::to_value(&efs).unwrap(),
            serde_json::json!({ "Role": role, "HomeDirectory": "/fs-0123/home/deploy", "HomeDirectoryType": "PATH", "PosixProfile": { "Uid": 1001, "Gid": 1001 }, "PublicKeys": ["ssh-ed25519 AAAA"] })
        );
        assert_eq!(serde_json::to_value(TransferIdentityProviderResponse::deny()).unwrap(), serde_json::json!({}));
    }
}
