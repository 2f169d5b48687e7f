//! Signed records judged by OpenSSH itself: keys made by `ssh-keygen`, a
//! record signed by `touchpoint sign` (from a key file and from an agent
//! the test starts), checked by `ssh-keygen -Y verify` and `touchpoint verify`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{Cleanup, temp_dir};

/// `ssh-keygen` is the judge here; without it under CI the test fails.
fn have_ssh_keygen() -> bool {
    common::have("ssh-keygen")
}

/// A data folder with the final fixture visit, its id and record path.
fn data_with_final(test: &str) -> (PathBuf, String, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let data = temp_dir(test);
    let visits = data.join("visits");
    std::fs::create_dir_all(&visits).unwrap();
    for dir in [&data, &visits] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records/a-metropol-october.toml");
    let bytes = std::fs::read(fixture).unwrap();
    let record = touchpoint::record::parse_bytes("fixture", &bytes).unwrap();
    let file = visits.join(format!("{}.toml", record.header.id));
    std::fs::write(&file, &bytes).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    (data, record.header.id, file)
}

/// A key pair made by ssh-keygen at `dir/name` (and `.pub`).
fn keygen(dir: &Path, name: &str, kind: &str, passphrase: &str) -> PathBuf {
    let key = dir.join(name);
    let mut args = vec!["-q", "-t", kind, "-N", passphrase, "-C", name, "-f"];
    if kind == "rsa" {
        args.splice(1..1, ["-b", "2048"]);
    }
    let status = Command::new("ssh-keygen")
        .args(&args)
        .arg(&key)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    key
}

fn write_config(data: &Path, lines: &str) {
    let dir = data.join("config/touchpoint");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), lines).unwrap();
}

/// An allowed_signers file giving `key`'s public half to `principal`.
fn allowed(data: &Path, principal: &str, key: &Path) -> PathBuf {
    let public = std::fs::read_to_string(pub_of(key)).unwrap();
    let file = data.join("allowed_signers");
    std::fs::write(&file, format!("{principal} {public}")).unwrap();
    file
}

fn pub_of(key: &Path) -> PathBuf {
    PathBuf::from(format!("{}.pub", key.display()))
}

fn touchpoint(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = common::touchpoint_command(args, data);
    command.env_remove("SSH_AUTH_SOCK").stdin(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

/// `ssh-keygen -Y verify` on `record` and its `.sig`, as SPEC gives it.
fn ssh_verify(allowed: &Path, auditor: &str, record: &Path) -> bool {
    let sig = format!("{}.sig", record.display());
    Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(allowed)
        .args(["-I", auditor, "-n", "touchpoint-record", "-s", &sig])
        .stdin(std::fs::File::open(record).unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_record_signed_with_a_key_file_verifies_in_ssh_keygen_and_touchpoint() {
    if !have_ssh_keygen() {
        return;
    }
    for kind in ["ed25519", "rsa"] {
        let (data, id, record) = data_with_final(&format!("sign-file-{kind}"));
        let _cleanup = Cleanup(data.clone());
        let key = keygen(&data, "anna", kind, "");
        write_config(&data, &format!("signing_key = \"{}\"\n", key.display()));
        let auditor = common::read_record_file(&record).header.auditor;

        // Unsigned first: reported as such, exit 1.
        let list = allowed(&data, &auditor, &key);
        let list_arg = list.display().to_string();
        let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("unsigned"), "{}", text(&out));

        let out = touchpoint(&data, &["sign", &id], &[]);
        assert!(out.status.success(), "{kind}: {}", text(&out));
        assert!(
            ssh_verify(&list, &auditor, &record),
            "{kind}: ssh-keygen refused"
        );
        let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
        assert!(out.status.success(), "{kind}: {}", text(&out));
        assert!(text(&out).contains("valid"), "{}", text(&out));
        assert!(text(&out).contains(&auditor), "{}", text(&out));

        // Another auditor's name on the record: the key is not theirs.
        assert!(!ssh_verify(&list, "olga", &record));

        // One changed byte of the record: both refuse.
        let original = std::fs::read(&record).unwrap();
        let mut changed = original.clone();
        let at = changed.iter().position(|&b| b == b'M').unwrap();
        changed[at] = b'N';
        std::fs::write(&record, &changed).unwrap();
        assert!(!ssh_verify(&list, &auditor, &record));
        let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out).contains("invalid"), "{}", text(&out));
        std::fs::write(&record, &original).unwrap();
    }
}

#[test]
fn another_namespace_or_a_key_not_allowed_is_refused_by_both() {
    if !have_ssh_keygen() {
        return;
    }
    let (data, _id, record) = data_with_final("sign-refused");
    let _cleanup = Cleanup(data.clone());
    let key = keygen(&data, "anna", "ed25519", "");
    let auditor = common::read_record_file(&record).header.auditor;
    let list = allowed(&data, &auditor, &key);
    let list_arg = list.display().to_string();

    // Signed by ssh-keygen itself for git: not a record's signature.
    let status = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "git", "-f"])
        .arg(&key)
        .arg(&record)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(!ssh_verify(&list, &auditor, &record));
    let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("invalid") && text(&out).contains("git"),
        "{}",
        text(&out)
    );

    // Signed by ssh-keygen for records: touchpoint accepts OpenSSH's signature.
    std::fs::remove_file(format!("{}.sig", record.display())).unwrap();
    let status = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "touchpoint-record", "-f"])
        .arg(&key)
        .arg(&record)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
    assert!(out.status.success(), "{}", text(&out));

    // A key not in allowed_signers.
    let mallory = keygen(&data, "mallory", "ed25519", "");
    let other = allowed(&data, &auditor, &mallory);
    assert!(!ssh_verify(&other, &auditor, &record));
    let out = touchpoint(
        &data,
        &["verify", "--allowed-signers", &other.display().to_string()],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("unknown-key"), "{}", text(&out));

    // cert-authority lines are refused with the line named.
    let public = std::fs::read_to_string(pub_of(&key)).unwrap();
    std::fs::write(&list, format!("{auditor} cert-authority {public}")).unwrap();
    let out = touchpoint(&data, &["verify", "--allowed-signers", &list_arg], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains(&format!("{list_arg}:1:1")),
        "{}",
        text(&out)
    );
}

/// An ssh-agent of the test's own, stopped when dropped.
struct Agent {
    socket: PathBuf,
    pid: String,
}

impl Agent {
    fn start(dir: &Path) -> Agent {
        let socket = dir.join("agent.sock");
        let out = Command::new("ssh-agent")
            .arg("-a")
            .arg(&socket)
            .arg("-s")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        let pid = said
            .split("SSH_AGENT_PID=")
            .nth(1)
            .and_then(|rest| rest.split(';').next())
            .unwrap()
            .to_owned();
        Agent { socket, pid }
    }

    fn add(&self, key: &Path) {
        let status = Command::new("ssh-add")
            .arg("-q")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(&self.pid).status();
    }
}

#[test]
fn a_key_in_the_agent_signs_and_a_missing_agent_or_key_is_explained() {
    if !have_ssh_keygen() {
        return;
    }
    let (data, id, record) = data_with_final("sign-agent");
    let _cleanup = Cleanup(data.clone());
    let auditor = common::read_record_file(&record).header.auditor;
    let key = keygen(&data, "anna", "ed25519", "");
    let locked = keygen(&data, "locked", "ed25519", "a passphrase");

    // A passphrase and no agent: nothing signed, and why.
    write_config(&data, &format!("signing_key = \"{}\"\n", locked.display()));
    let out = touchpoint(&data, &["sign", &id], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("ssh-agent"), "{}", text(&out));
    assert!(!Path::new(&format!("{}.sig", record.display())).exists());

    // The public key named, its private half in the agent.
    let agent = Agent::start(&data);
    let socket = agent.socket.display().to_string();
    write_config(
        &data,
        &format!("signing_key = \"{}\"\n", pub_of(&key).display()),
    );
    let out = touchpoint(&data, &["sign", &id], &[("SSH_AUTH_SOCK", &socket)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the agent lacks it: {}",
        text(&out)
    );
    assert!(text(&out).contains("ssh-add"), "{}", text(&out));
    agent.add(&key);
    let out = touchpoint(&data, &["sign", &id], &[("SSH_AUTH_SOCK", &socket)]);
    assert!(out.status.success(), "{}", text(&out));
    let list = allowed(&data, &auditor, &key);
    assert!(ssh_verify(&list, &auditor, &record));
    let out = touchpoint(
        &data,
        &["verify", "--allowed-signers", &list.display().to_string()],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// Starts a visit in a pty, answers one item and finalizes it; returns the
/// record's path and what the terminal showed once the program had left.
fn finalize_one(data: &Path) -> (PathBuf, String) {
    let (mut pty, record) = common::new_visit(data);
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.send("F");
    pty.wait_for("Finalize");
    pty.send("y");
    pty.wait_for("items unanswered");
    pty.send("Y");
    pty.wait_for("FINAL");
    pty.send("q");
    let status = pty
        .wait_exit(std::time::Duration::from_secs(10))
        .expect("touchpoint exits on q");
    assert!(status.success());
    let shown = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    (record, shown)
}

#[test]
fn finalize_signs_with_the_configured_key_or_says_why_not_and_list_tells() {
    if !have_ssh_keygen() {
        return;
    }
    let data = temp_dir("sign-finalize");
    let _cleanup = Cleanup(data.clone());
    std::fs::create_dir_all(&data).unwrap();
    let key = keygen(&data, "anna", "ed25519", "");
    write_config(&data, &format!("signing_key = \"{}\"\n", key.display()));
    let (record, shown) = finalize_one(&data);
    assert!(shown.contains("signed"), "{shown}");
    let list = allowed(&data, "anna", &key);
    assert!(
        ssh_verify(&list, "anna", &record),
        "ssh-keygen refused the finalized record"
    );

    // A key behind a passphrase and no agent: the visit is final all the
    // same, unsigned and told why, and list says so until it is signed.
    let data = temp_dir("sign-finalize-locked");
    let _cleanup_locked = Cleanup(data.clone());
    std::fs::create_dir_all(&data).unwrap();
    let locked = keygen(&data, "locked", "ed25519", "a passphrase");
    write_config(&data, &format!("signing_key = \"{}\"\n", locked.display()));
    let (record, shown) = finalize_one(&data);
    assert!(
        shown.contains("not signed") && shown.contains("ssh-agent"),
        "{shown}"
    );
    assert_eq!(
        common::read_record_file(&record).header.status,
        touchpoint::visit::Status::Final
    );
    let out = touchpoint(&data, &["list"], &[]);
    assert!(text(&out).contains("final, unsigned"), "{}", text(&out));
    let id = common::id_of(&record);
    let key = keygen(&data, "anna", "ed25519", "");
    write_config(&data, &format!("signing_key = \"{}\"\n", key.display()));
    let out = touchpoint(&data, &["sign", &id], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let out = touchpoint(&data, &["list"], &[]);
    assert!(!text(&out).contains("unsigned"), "{}", text(&out));
    assert!(ssh_verify(&allowed(&data, "anna", &key), "anna", &record));
}
