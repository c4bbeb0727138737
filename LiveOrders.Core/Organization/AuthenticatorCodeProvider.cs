using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>
/// Identity's authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) with what Identity's own provider
/// lacks: a code is accepted once. The last accepted step is kept among the account's tokens, and a code from that step
/// or an earlier one is refused, so a code read over someone's shoulder or from a proxy log cannot be replayed within
/// its window. One step of clock drift either way is allowed.
/// </summary>
public sealed class AuthenticatorCodeProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<IdentityUser>
{
    public const string TokenStore = "[LiveOrders]";
    public const string LastStepToken = "AuthenticatorLastStep";
    public const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<IdentityUser> manager, IdentityUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<IdentityUser> manager, IdentityUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<IdentityUser> manager, IdentityUser user)
    {
        var code = new string(token.Where(c => c is not (' ' or '-')).ToArray());
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || !TryDecodeBase32(key, out var secret)) return false;

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
                matched = step;
        if (matched is null) return false;

        var last = await manager.GetAuthenticationTokenAsync(user, TokenStore, LastStepToken);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && matched <= lastStep) return false;
        try
        {
            // Saved with the account's concurrency stamp: of two requests racing with the same code, one fails here.
            var saved = await manager.SetAuthenticationTokenAsync(user, TokenStore, LastStepToken, matched.Value.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>The 6-digit code of one time step (RFC 4226 §5.3 dynamic truncation).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 Base32, as Identity writes authenticator keys (upper case, no padding).</summary>
    public static bool TryDecodeBase32(string text, out byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            if (c == ' ') continue;
            var value = alphabet.IndexOf(c);
            if (value < 0) { bytes = []; return false; }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            output.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
            buffer &= (1 << bits) - 1;
        }
        bytes = [.. output];
        return bytes.Length > 0;
    }
}
