package io.jvswitch.ovsdb.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key material of a {@code pssl:} endpoint, as ovsdb-server takes it: {@code --private-key} (PEM, PKCS#8
 * {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}, as {@code ovs-pki} and {@code openssl} write them),
 * {@code --certificate} (PEM, the server's certificate, optionally followed by its chain) and {@code --ca-cert}
 * (PEM, the CA(s) that client certificates must chain to).
 *
 * @param privateKey  the server's private key file
 * @param certificate the server's certificate file
 * @param caCert      the trusted CA certificate file
 */
public record TlsConfig(Path privateKey, Path certificate, Path caCert) {
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN (RSA |EC )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1?PRIVATE KEY-----");
    /** DER of rsaEncryption's AlgorithmIdentifier (OID 1.2.840.113549.1.1.1, NULL parameters). */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    /**
     * A TLS context presenting this certificate and requiring client certificates from the CA.
     *
     * @throws IOException naming the file that cannot be read or understood
     */
    public SSLContext serverContext() throws IOException {
        try {
            PrivateKey key = readKey(privateKey);
            List<Certificate> chain = readCertificates(certificate);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] pass = new char[0];
            keys.setKeyEntry("server", key, pass, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : readCertificates(caCert)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + privateKey + ", " + certificate + ", " + caCert + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certs = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new IOException(file + ": no PEM certificate found");
            }
            return certs;
        }
    }

    /** Reads a PEM private key (PKCS#8, or PKCS#1 RSA wrapped into PKCS#8). */
    static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(file + ": no PEM private key found");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        String kind = m.group(1) == null ? "" : m.group(1).trim();
        if (kind.equals("EC")) {
            throw new IOException(file + ": SEC1 EC keys are not supported; convert with "
                    + "openssl pkcs8 -topk8 -nocrypt");
        }
        if (kind.equals("RSA")) {
            der = pkcs1ToPkcs8(der);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Try the next algorithm.
            }
        }
        throw new IOException(file + ": unsupported private key type");
    }

    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        if (len < 0x80) {
            out.write(len);
            return;
        }
        int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(len >>> (8 * i));
        }
    }
}
