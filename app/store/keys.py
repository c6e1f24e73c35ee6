"""The store key: 256 random bits, kept in the OS keyring and always wrapped by the passphrase.

The wrapping is argon2id (passphrase -> 256-bit key) and AES-256-GCM; the wrapped key and its
parameters are not secret and live in profile.json. A plaintext key never touches the disk.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.errors
from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.domain.errors import ValidationError
from app.store.engine import KEY_BYTES
from app.store.errors import CorruptStoreError, WrongKeyError

KEYRING_SERVICE = "nuanxin"
MIN_PASSPHRASE_CHARS = 8
SALT_BYTES = 16
NONCE_BYTES = 12
MAX_MEMORY_KIB = 1024 * 1024  # refuse absurd parameters from an edited profile.json
MAX_TIME_COST = 64


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters; recorded with each wrapped key so they can change later."""

    time_cost: int = 3
    memory_cost: int = 128 * 1024  # KiB: 128 MiB, about 0.15 s on the 2-core reference machine
    parallelism: int = 2
    version: int = ARGON2_VERSION


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class WrappedKey:
    """The store key encrypted under a passphrase-derived key (AES-256-GCM)."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": "argon2id",
            "version": self.kdf.version,
            "time_cost": self.kdf.time_cost,
            "memory_cost_kib": self.kdf.memory_cost,
            "parallelism": self.kdf.parallelism,
            "salt": _b64(self.salt),
            "cipher": "AES-256-GCM",
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrappedKey:
        try:
            if data["kdf"] != "argon2id" or data["cipher"] != "AES-256-GCM":
                raise ValueError("unknown key wrapping")
            kdf = KdfParams(
                int(data["time_cost"]),
                int(data["memory_cost_kib"]),
                int(data["parallelism"]),
                int(data["version"]),
            )
            salt, nonce = _unb64(data["salt"]), _unb64(data["nonce"])
            wrapped = cls(kdf, salt, nonce, _unb64(data["ciphertext"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptStoreError(f"profile.json holds no usable wrapped key: {exc}") from exc
        if not (1 <= kdf.time_cost <= MAX_TIME_COST and 8 <= kdf.memory_cost <= MAX_MEMORY_KIB):
            raise CorruptStoreError("profile.json holds out-of-range key derivation parameters")
        return wrapped


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_key() -> bytes:
    """256 random bits from the OS CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A non-secret fingerprint telling whether a key (e.g. from the keyring) is this store's."""
    return hmac.new(key, b"nuanxin store key check", hashlib.sha256).hexdigest()[:32]


def validate_passphrase(passphrase: str, *, field: str = "passphrase") -> None:
    """Raise ValidationError when the passphrase is too short to protect the key."""
    if len(_normalized(passphrase)) < MIN_PASSPHRASE_CHARS:
        raise ValidationError.single(
            field,
            "passphrase_too_short",
            f"口令太短：至少需要 {MIN_PASSPHRASE_CHARS} 个字符，请加长后再试。",
            f"The passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters.",
        )


def _normalized(passphrase: str) -> str:
    """NFC, so the same passphrase typed through different input methods gives the same key."""
    return unicodedata.normalize("NFC", passphrase)


def _derive(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        _normalized(passphrase).encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
        version=kdf.version,
    )


def wrap_key(key: bytes, passphrase: str, aad: bytes, kdf: KdfParams = DEFAULT_KDF) -> WrappedKey:
    """Encrypt ``key`` under ``passphrase`` with a fresh salt and nonce; ``aad`` binds the store."""
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(_derive(passphrase, salt, kdf)).encrypt(nonce, key, aad)
    return WrappedKey(kdf, salt, nonce, ciphertext)


def unwrap_key(wrapped: WrappedKey, passphrase: str, aad: bytes) -> bytes:
    """The store key, or WrongKeyError when the passphrase (or the wrapped data) is wrong."""
    try:
        key = AESGCM(_derive(passphrase, wrapped.salt, wrapped.kdf)).decrypt(
            wrapped.nonce, wrapped.ciphertext, aad
        )
    except InvalidTag as exc:
        raise WrongKeyError(
            "wrong passphrase: the stored key could not be unlocked with it",
            "口令不正确，无法解开本地数据库的密钥。文件未被改动，请重新输入口令。",
        ) from exc
    if len(key) != KEY_BYTES:
        raise CorruptStoreError("the unwrapped store key has the wrong length")
    return key


def keyring_username(store_id: str) -> str:
    return f"store-{store_id}"


def keyring_backend_usable(backend: KeyringBackend | None = None) -> bool:
    """False for keyring's stand-ins (fail, null, an empty chain): no OS keyring to trust."""
    backend = backend or keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(keyring_backend_usable(inner) for inner in backend.backends)
    return True


def save_to_keyring(store_id: str, key: bytes) -> bool:
    """Store the key in the OS keyring and read it back; False when no keyring works."""
    if not keyring_backend_usable():
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_username(store_id), key.hex())
        stored = keyring.get_password(KEYRING_SERVICE, keyring_username(store_id))
    except Exception:  # backends raise their own errors (D-Bus, locked, denied): all mean "no"
        return False
    return stored == key.hex()


def load_from_keyring(store_id: str) -> bytes | None:
    """The key kept in the OS keyring, or None when there is none or the keyring fails."""
    if not keyring_backend_usable():
        return None
    try:
        text = keyring.get_password(KEYRING_SERVICE, keyring_username(store_id))
        return None if text is None else bytes.fromhex(text)
    except Exception:  # as in save_to_keyring: any backend failure means "not available"
        return None


def delete_from_keyring(store_id: str) -> None:
    """Forget the key in the OS keyring (the passphrase still unlocks the store)."""
    # Nothing stored, or no keyring to store it: either way it holds no key afterwards.
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(KEYRING_SERVICE, keyring_username(store_id))
