using System.Security.Cryptography;
using System.Text;

namespace LiveOrders.Core.Webhooks;

/// <summary>
/// <c>X-LiveOrders-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + body)&gt;</c>. The timestamp is
/// signed with the body, so a receiver that refuses old timestamps cannot be fed a recorded delivery again.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-LiveOrders-Signature";

    public static string Sign(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds},v1={Hex(secret, unixSeconds, body)}";

    private static string Hex(string secret, long unixSeconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}")));

    /// <summary>What a receiver does: true when the header was made with this secret over this body and time.</summary>
    public static bool Verify(string secret, string header, string body, out long unixSeconds)
    {
        unixSeconds = 0;
        string? t = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) continue;
            if (kv[0].Trim() == "t") t = kv[1].Trim();
            else if (kv[0].Trim() == "v1") v1 = kv[1].Trim();
        }
        if (t is null || v1 is null || !long.TryParse(t, out unixSeconds)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(v1));
    }
}
