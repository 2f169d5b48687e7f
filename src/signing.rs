//! Signed records (SPEC, "Signing and the change log"): an SSHSIG signature
//! (namespace `touchpoint-record`) over a final record's bytes, made with the
//! auditor's own SSH key, and checked against an OpenSSH `allowed_signers`
//! file, so that `ssh-keygen -Y verify` and `touchpoint verify` agree.
//!
//! This module is pure: bytes and key material in, signatures and verdicts
//! out, time passed in. Reading key files and talking to `ssh-agent` is the
//! command's (`commands::sign`).

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::tr;

/// The SSHSIG namespace of a record's signature: a signature made for
/// anything else (git commits, files) is never taken for a record's.
pub const NAMESPACE: &str = "touchpoint-record";

/// The double quote of allowed_signers' options, named so that the source
/// holds no quote character alone (tests/catalogs.rs reads string literals
/// by counting quotes).
const QUOTE: char = '\u{22}';

/// The hash SSHSIG signs, as `ssh-keygen -Y sign` does by default.
const HASH: HashAlg = HashAlg::Sha512;

/// What a signing key file holds.
pub enum Key {
    /// A private key that needs no passphrase: it signs itself.
    Private(Box<PrivateKey>),
    /// A private key behind a passphrase, or a public key: its private half
    /// must be in `ssh-agent`. The public key says which one.
    InAgent(Box<PublicKey>),
}

/// Reads a signing key file's text: an OpenSSH private key (with or without
/// a passphrase) or a public key (`ssh-ed25519 AAAA… comment`).
pub fn read_key(text: &str) -> Result<Key, String> {
    if let Ok(private) = PrivateKey::from_openssh(text) {
        return Ok(if private.is_encrypted() {
            Key::InAgent(Box::new(private.public_key().clone()))
        } else {
            Key::Private(Box::new(private))
        });
    }
    PublicKey::from_openssh(text.trim())
        .map(|public| Key::InAgent(Box::new(public)))
        .map_err(|e| tr!("sign-not-a-key", reason = e.to_string()))
}

/// Signs `record` with a private key: the armored signature, as
/// `ssh-keygen -Y sign` writes it to `<file>.sig`.
pub fn sign(key: &PrivateKey, record: &[u8]) -> Result<String, String> {
    let sig = match key.key_data().rsa() {
        Some(rsa) => {
            let signature = rsa_sign(rsa, &data_to_sign(record)?)?;
            SshSig::new(
                key.public_key().key_data().clone(),
                NAMESPACE,
                HASH,
                signature,
            )
        }
        None => SshSig::sign(key, NAMESPACE, HASH, record),
    };
    sig.and_then(|sig| sig.to_pem(LineEnding::LF))
        .map_err(|e| e.to_string())
}

/// An `rsa-sha2-512` signature of `data`, made with the rsa crate from the
/// key's own components (ssh-key 0.6 cannot: see Cargo.toml).
fn rsa_sign(key: &ssh_key::private::RsaKeypair, data: &[u8]) -> Result<ssh_key::Signature, String> {
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    let int = |m: &ssh_key::Mpint| {
        m.as_positive_bytes()
            .map(rsa::BigUint::from_bytes_be)
            .ok_or_else(|| "not an RSA key".to_owned())
    };
    let private = rsa::RsaPrivateKey::from_components(
        int(&key.public.n)?,
        int(&key.public.e)?,
        int(&key.private.d)?,
        vec![int(&key.private.p)?, int(&key.private.q)?],
    )
    .map_err(|e| e.to_string())?;
    let signature = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha512>::new(private)
        .try_sign(data)
        .map_err(|e| e.to_string())?;
    ssh_key::Signature::new(
        ssh_key::Algorithm::Rsa {
            hash: Some(HashAlg::Sha512),
        },
        signature.to_vec(),
    )
    .map_err(|e| e.to_string())
}

/// The bytes an agent must sign for `record` (SSHSIG's signed data).
pub fn data_to_sign(record: &[u8]) -> Result<Vec<u8>, String> {
    SshSig::signed_data(NAMESPACE, HASH, record).map_err(|e| e.to_string())
}

/// The armored signature for `record` from the agent's `signature` over
/// [`data_to_sign`], checked before it is kept.
pub fn from_agent(
    public: &PublicKey,
    record: &[u8],
    signature: ssh_key::Signature,
) -> Result<String, String> {
    let sig = SshSig::new(public.key_data().clone(), NAMESPACE, HASH, signature)
        .map_err(|e| e.to_string())?;
    public
        .verify(NAMESPACE, record, &sig)
        .map_err(|e| e.to_string())?;
    sig.to_pem(LineEnding::LF).map_err(|e| e.to_string())
}

/// One key of an `allowed_signers` file.
#[derive(Debug, Clone)]
pub struct Signer {
    /// The principals' patterns (`anna@agency.example`, `*@agency.example`).
    pub principals: Vec<String>,
    /// `namespaces="…"`: the namespaces the key may sign, if limited.
    pub namespaces: Option<Vec<String>>,
    /// `valid-after`, in seconds since the epoch.
    pub valid_after: Option<i64>,
    /// `valid-before`, in seconds since the epoch.
    pub valid_before: Option<i64>,
    /// The key.
    pub key: PublicKey,
}

/// An OpenSSH `allowed_signers` file (ssh-keygen(1), "ALLOWED SIGNERS").
#[derive(Debug, Clone, Default)]
pub struct AllowedSigners {
    /// Its keys, in file order.
    pub signers: Vec<Signer>,
}

impl AllowedSigners {
    /// Parses the file's text; `label` names it in messages
    /// (`allowed_signers:3:1: …`). Every problem of the file is reported.
    /// Times without `Z` are in `local`, the system's time zone, as
    /// ssh-keygen reads them (handed in: the core reads no environment).
    pub fn parse(
        label: &str,
        text: &str,
        local: &jiff::tz::TimeZone,
    ) -> Result<AllowedSigners, Vec<String>> {
        let mut signers = Vec::new();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let column = line.len() - trimmed.len() + 1;
            match parse_line(trimmed, local) {
                Ok(signer) => signers.push(signer),
                Err(why) => problems.push(format!("{label}:{}:{column}: {why}", n + 1)),
            }
        }
        if problems.is_empty() {
            Ok(AllowedSigners { signers })
        } else {
            Err(problems)
        }
    }
}

/// One line: `principals [options] keytype base64 [comment]`.
fn parse_line(line: &str, local: &jiff::tz::TimeZone) -> Result<Signer, String> {
    let (principals, rest) = split_field(line);
    let rest = rest.trim_start();
    let bad_key = |e: ssh_key::Error| tr!("sign-allowed-bad-key", reason = e.to_string());
    // Options stand between the principals and the key, when there are any.
    let (options, key) = match PublicKey::from_openssh(rest.trim_end()) {
        Ok(key) => ("", key),
        Err(first) => {
            let (options, key) = split_field(rest);
            let key = PublicKey::from_openssh(key.trim()).map_err(|_| bad_key(first))?;
            (options, key)
        }
    };
    let mut signer = Signer {
        principals: principals.split(',').map(str::to_owned).collect(),
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
    };
    for option in split_options(options) {
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value.trim_matches(QUOTE))),
            None => (option.as_str(), None),
        };
        match (name.to_ascii_lowercase().as_str(), value) {
            ("namespaces", Some(v)) => {
                signer.namespaces = Some(v.split(',').map(str::to_owned).collect());
            }
            ("valid-after", Some(v)) => signer.valid_after = Some(ssh_time(v, local)?),
            ("valid-before", Some(v)) => signer.valid_before = Some(ssh_time(v, local)?),
            ("cert-authority", None) => return Err(tr!("sign-allowed-cert-authority")),
            _ => {
                return Err(tr!(
                    "sign-allowed-unknown-option",
                    option = crate::text::escape(&option).into_owned()
                ));
            }
        }
    }
    Ok(signer)
}

/// The first field of `text` (up to white space outside quotes) and the rest.
fn split_field(text: &str) -> (&str, &str) {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            QUOTE => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&text[..at], &text[at..]),
            _ => {}
        }
    }
    (text, "")
}

/// Options separated by commas outside quotes.
fn split_options(text: &str) -> Vec<String> {
    let mut options = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            QUOTE => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => options.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        options.push(current);
    }
    options
}

/// `YYYYMMDD[HHMM[SS]][Z]` as seconds since the epoch: UTC with `Z`, else
/// `local` (the system's time zone), as ssh-keygen reads it.
fn ssh_time(text: &str, local: &jiff::tz::TimeZone) -> Result<i64, String> {
    let bad = || tr!("sign-allowed-bad-time", time = text.to_owned());
    let (digits, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(d) => (d, true),
        None => (text, false),
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return Err(bad());
    }
    let part = |from: usize, to: usize| digits.get(from..to).and_then(|p| p.parse::<i8>().ok());
    let year: i16 = digits[..4].parse().map_err(|_| bad())?;
    let date = jiff::civil::date(
        year,
        part(4, 6).ok_or_else(bad)?,
        part(6, 8).ok_or_else(bad)?,
    );
    let time = jiff::civil::time(
        part(8, 10).unwrap_or(0),
        part(10, 12).unwrap_or(0),
        part(12, 14).unwrap_or(0),
        0,
    );
    let zone = if utc {
        jiff::tz::TimeZone::UTC
    } else {
        local.clone()
    };
    date.to_datetime(time)
        .to_zoned_datetime(zone)
        .map(|z| z.timestamp().as_second())
        .map_err(|_| bad())
}

/// Whether `name` matches an OpenSSH pattern list entry (`*` and `?`).
fn matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// Whether `principals` (a pattern list, `!` negating) allows `name`.
fn allows(principals: &[String], name: &str) -> bool {
    let mut allowed = false;
    for pattern in principals {
        if let Some(negated) = pattern.strip_prefix('!') {
            if matches(negated, name) {
                return false;
            }
        } else if matches(pattern, name) {
            allowed = true;
        }
    }
    allowed
}

/// What `touchpoint verify` says of one record's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a key `allowed_signers` gives to this principal.
    Valid {
        /// The principal: the record's auditor.
        principal: String,
    },
    /// No signature beside the record.
    Unsigned,
    /// A signature that does not hold: the record changed, another
    /// namespace, or not a signature at all.
    Invalid(String),
    /// A good signature by a key not allowed for the record's auditor.
    UnknownKey(String),
}

impl Verdict {
    /// The state's word in reports and JSON: valid, unsigned, invalid, unknown-key.
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid { .. } => "valid",
            Verdict::Unsigned => "unsigned",
            Verdict::Invalid(_) => "invalid",
            Verdict::UnknownKey(_) => "unknown-key",
        }
    }
}

/// Checks `signature` (the `.sig` file's text, if there is one) over
/// `record`'s bytes, for the principal `auditor`, at `now` (seconds since
/// the epoch), as `ssh-keygen -Y verify -I auditor -n touchpoint-record` does.
pub fn verify(
    record: &[u8],
    signature: Option<&[u8]>,
    allowed: &AllowedSigners,
    auditor: &str,
    now: i64,
) -> Verdict {
    let Some(signature) = signature else {
        return Verdict::Unsigned;
    };
    let sig = match SshSig::from_pem(signature) {
        Ok(sig) => sig,
        Err(e) => return Verdict::Invalid(tr!("sign-not-a-signature", reason = e.to_string())),
    };
    if sig.namespace() != NAMESPACE {
        return Verdict::Invalid(tr!(
            "sign-wrong-namespace",
            namespace = crate::text::escape(sig.namespace()).into_owned()
        ));
    }
    if PublicKey::from(sig.public_key().clone())
        .verify(NAMESPACE, record, &sig)
        .is_err()
    {
        return Verdict::Invalid(tr!("sign-does-not-match"));
    }
    let fingerprint = ssh_key::Fingerprint::new(HashAlg::Sha256, sig.public_key()).to_string();
    let mut reason = tr!(
        "sign-key-not-allowed",
        fingerprint = fingerprint.clone(),
        auditor = auditor.to_owned()
    );
    for signer in &allowed.signers {
        if signer.key.key_data() != sig.public_key() {
            continue;
        }
        if !allows(&signer.principals, auditor) {
            reason = tr!(
                "sign-key-of-another",
                fingerprint = fingerprint.clone(),
                auditor = auditor.to_owned(),
                principals = signer.principals.join(",")
            );
            continue;
        }
        if let Some(namespaces) = &signer.namespaces
            && !namespaces.iter().any(|n| matches(n, NAMESPACE))
        {
            reason = tr!(
                "sign-key-not-for-records",
                fingerprint = fingerprint.clone()
            );
            continue;
        }
        if signer.valid_after.is_some_and(|t| now < t)
            || signer.valid_before.is_some_and(|t| now > t)
        {
            reason = tr!("sign-key-out-of-time", fingerprint = fingerprint.clone());
            continue;
        }
        return Verdict::Valid {
            principal: auditor.to_owned(),
        };
    }
    Verdict::UnknownKey(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key made by `ssh-keygen -t ed25519` for these tests alone.
    const ALICE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDZPLzAfDZm2BkO3Qv47GXOy3BBpsYZL1dtXNi21J5w+QAAAJg7F8kBOxfJ
AQAAAAtzc2gtZWQyNTUxOQAAACDZPLzAfDZm2BkO3Qv47GXOy3BBpsYZL1dtXNi21J5w+Q
AAAEBQYXo3AFwrB5FRrh1/AgFmT5O95csJ7HEPrpeMlf+Aktk8vMB8NmbYGQ7dC/jsZc7L
cEGmxhkvV21c2LbUnnD5AAAAE2FubmFAYWdlbmN5LmV4YW1wbGUBAg==
-----END OPENSSH PRIVATE KEY-----
";

    fn alice() -> PrivateKey {
        PrivateKey::from_openssh(ALICE).unwrap()
    }

    fn allowed(line: &str) -> AllowedSigners {
        AllowedSigners::parse("allowed_signers", line, &jiff::tz::TimeZone::UTC).unwrap()
    }

    fn alice_line(principals: &str, options: &str) -> String {
        let key = alice().public_key().to_openssh().unwrap();
        format!("{principals} {options} {key}")
    }

    #[test]
    fn a_record_signed_verifies_for_its_auditor_and_no_other_byte() {
        let record = b"format = 1\n[visit]\nid = \"v\"\n";
        let sig = sign(&alice(), record).unwrap();
        assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----"));
        let list = allowed(&alice_line("anna", ""));
        assert_eq!(
            verify(record, Some(sig.as_bytes()), &list, "anna", 0),
            Verdict::Valid {
                principal: "anna".into()
            }
        );
        let mut changed = record.to_vec();
        changed[3] ^= 1;
        assert_eq!(
            verify(&changed, Some(sig.as_bytes()), &list, "anna", 0).code(),
            "invalid"
        );
        assert_eq!(
            verify(record, Some(sig.as_bytes()), &list, "olga", 0).code(),
            "unknown-key"
        );
        assert_eq!(verify(record, None, &list, "anna", 0), Verdict::Unsigned);
    }

    #[test]
    fn another_namespace_is_invalid() {
        let record = b"x";
        let other = SshSig::sign(&alice(), "git", HASH, record)
            .unwrap()
            .to_pem(LineEnding::LF)
            .unwrap();
        let list = allowed(&alice_line("anna", ""));
        assert_eq!(
            verify(record, Some(other.as_bytes()), &list, "anna", 0).code(),
            "invalid"
        );
    }

    #[test]
    fn options_limit_namespaces_and_time_and_patterns_match() {
        let record = b"x";
        let sig = sign(&alice(), record).unwrap();
        let check = |line: &str, who: &str, now: i64| {
            verify(record, Some(sig.as_bytes()), &allowed(line), who, now).code()
        };
        assert_eq!(
            check(
                &alice_line("*@agency.example", ""),
                "anna@agency.example",
                0
            ),
            "valid"
        );
        assert_eq!(
            check(
                &alice_line("*@agency.example,!bad@agency.example", ""),
                "bad@agency.example",
                0
            ),
            "unknown-key"
        );
        assert_eq!(
            check(&alice_line("anna", "namespaces=\"git,file\""), "anna", 0),
            "unknown-key"
        );
        assert_eq!(
            check(
                &alice_line("anna", "namespaces=\"touchpoint-record\""),
                "anna",
                0
            ),
            "valid"
        );
        let after = ssh_time("20260101Z", &jiff::tz::TimeZone::UTC).unwrap();
        assert_eq!(
            check(
                &alice_line("anna", "valid-after=\"20260101Z\""),
                "anna",
                after - 1
            ),
            "unknown-key"
        );
        assert_eq!(
            check(
                &alice_line("anna", "valid-after=\"20260101Z\""),
                "anna",
                after + 1
            ),
            "valid"
        );
        assert_eq!(
            check(
                &alice_line("anna", "valid-before=20260101Z"),
                "anna",
                after + 1
            ),
            "unknown-key"
        );
    }

    #[test]
    fn a_bad_allowed_signers_line_is_named_and_cert_authority_refused() {
        let key = alice().public_key().to_openssh().unwrap();
        let text =
            format!("# agency\nanna {key}\nolga cert-authority {key}\nbad ssh-ed25519 AAAA\n");
        let problems =
            AllowedSigners::parse("signers", &text, &jiff::tz::TimeZone::UTC).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("signers:3:1: "), "{problems:?}");
        assert!(problems[0].contains("cert-authority"), "{problems:?}");
        assert!(problems[1].starts_with("signers:4:1: "), "{problems:?}");
    }
}
