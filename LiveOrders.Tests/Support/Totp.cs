using System.Security.Cryptography;

namespace LiveOrders.Tests.Support;

/// <summary>
/// RFC 6238 (TOTP: HMAC-SHA1, 30-second steps, 6 digits) written here from the RFC, apart from the app's own code,
/// so that a test computes what a phone's authenticator app would show for the key the page displays.
/// </summary>
public static class Totp
{
    public static long StepNow => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    public static string Code(string base32Key, long step)
    {
        var key = FromBase32(base32Key);
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = new HMACSHA1(key).ComputeHash(counter);
        var offset = hash[19] & 0xf;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6");
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.Replace(" ", "").TrimEnd('=').ToUpperInvariant()
            .Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
