using MailKit.Security;

namespace LiveOrders.Core.Mail;

/// <summary>"Mail" in appsettings.json. E-mail is off until an SMTP server is configured.</summary>
public sealed class MailOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>How the connection is protected: none, STARTTLS, SSL from the first byte, or STARTTLS when the server offers it.</summary>
    public MailSecurity? Security { get; set; }
    /// <summary>
    /// The setting before <see cref="Security"/>: true meant STARTTLS (what System.Net.Mail did with it), and still does
    /// where Security is absent or None — an old override (say Mail__EnableSsl=true) never turns into plain text.
    /// </summary>
    public bool EnableSsl { get; set; }
    /// <summary>
    /// SHA-256 of the server's certificate (hex, as `openssl x509 -fingerprint -sha256` prints it, colons allowed):
    /// trusted even when no certificate authority vouches for it, as an internal server's self-signed one.
    /// </summary>
    public string? CertificateSha256 { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "liveorders@localhost";
    public string FromName { get; set; } = "LiveOrders — поручения";
    /// <summary>The app's address as people reach it, for the links in the letters.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    public int MaxAttempts { get; set; } = 20;

    public MailSecurity EffectiveSecurity => Security is null or MailSecurity.None
        ? EnableSsl ? MailSecurity.StartTls : MailSecurity.None
        : Security.Value;

    internal SecureSocketOptions SocketOptions => EffectiveSecurity switch
    {
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        MailSecurity.Auto => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.None,
    };
}

/// <summary>`Mail:Security` (case does not matter in configuration).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP, even when the server offers STARTTLS: a relay on the same host or network.</summary>
    None,
    /// <summary>Plain connect, then STARTTLS; refused when the server does not offer it (usually port 587 or 25).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    Ssl,
    /// <summary>STARTTLS when the server offers it, plain otherwise: encrypts what it can, protects against no one in between.</summary>
    Auto,
}
