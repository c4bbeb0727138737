using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LiveOrders.Tests.Support;

/// <summary>How the sink protects its connections.</summary>
public enum SinkTls
{
    None,
    /// <summary>Offers STARTTLS and refuses mail from a client that did not start it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS).</summary>
    Smtps,
}

/// <summary>
/// A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd) that prints every message it accepts, raw as it
/// arrived. With TLS it uses a self-signed certificate made for the run; <see cref="CertificateSha256"/> pins it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string? _tlsDirectory;

    private SmtpSink(Process process, int port, string? tlsDirectory, string? certificateSha256)
    {
        _process = process;
        Port = port;
        _tlsDirectory = tlsDirectory;
        CertificateSha256 = certificateSha256;
    }

    public int Port { get; }

    /// <summary>The SHA-256 of the sink's certificate (hex), when it speaks TLS.</summary>
    public string? CertificateSha256 { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }


    public static async Task<SmtpSink> StartAsync(int? port = null, SinkTls tls = SinkTls.None)
    {
        var p = port ?? Ports.Free();
        List<string> arguments = ["-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{p}"];
        string? directory = null, sha256 = null;
        if (tls != SinkTls.None)
        {
            directory = Directory.CreateTempSubdirectory("liveorders-smtp-").FullName;
            sha256 = WriteSelfSignedCertificate(Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"));
            arguments.AddRange(tls == SinkTls.StartTls
                ? ["--tlscert", Path.Combine(directory, "cert.pem"), "--tlskey", Path.Combine(directory, "key.pem")]
                : ["--smtpscert", Path.Combine(directory, "cert.pem"), "--smtpskey", Path.Combine(directory, "key.pem")]);
        }
        var info = new ProcessStartInfo("/usr/bin/python3", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("aiosmtpd did not start (apt-get install python3-aiosmtpd)");
        var sink = new SmtpSink(process, p, directory, sha256);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (sink._output) sink._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (sink._output) sink._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, p);
                return sink;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        await sink.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd did not listen on {p}: {sink.Output}");
    }

    /// <summary>A certificate for 127.0.0.1 that no authority vouches for, as PEM files; returns its SHA-256.</summary>
    private static string WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>The messages the sink printed, each as the raw text between aiosmtpd's markers.</summary>
    public IReadOnlyList<string> Messages()
    {
        var messages = new List<string>();
        StringBuilder? current = null;
        var options = false;   // aiosmtpd prints the envelope's options first, then a blank line, then the message
        foreach (var line in Output.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Contains("MESSAGE FOLLOWS")) current = new StringBuilder();
            else if (text.Contains("END MESSAGE") && current is not null) { messages.Add(current.ToString()); current = null; }
            else if (current is { Length: 0 } && (text.StartsWith("mail options:") || text.StartsWith("rcpt options:"))) options = true;
            else if (current is { Length: 0 } && options && text.Length == 0) options = false;
            else current?.Append(text).Append("\r\n");
        }
        return messages;
    }

    /// <summary>Waits until the sink has printed <paramref name="text"/>.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text)) return true;
            await Task.Delay(50);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_tlsDirectory is not null) Directory.Delete(_tlsDirectory, recursive: true);
    }
}
