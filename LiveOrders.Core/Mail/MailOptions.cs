namespace LiveOrders.Core.Mail;

/// <summary>"Mail" in appsettings.json. E-mail is off until an SMTP server is configured.</summary>
public sealed class MailOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "liveorders@localhost";
    public string FromName { get; set; } = "LiveOrders — поручения";
    /// <summary>The app's address as people reach it, for the links in the letters.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    public int MaxAttempts { get; set; } = 20;
}
