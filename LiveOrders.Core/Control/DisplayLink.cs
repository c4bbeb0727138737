using System.Security.Cryptography;
using System.Text;

namespace LiveOrders.Core.Control;

/// <summary>
/// A read-only link for a wall screen: it shows the control panel of one deputy head's departments,
/// without anyone's password. Only its hash is stored; an administrator can revoke it at any time.
/// </summary>
public sealed class DisplayLink
{
    public const int NameMaxLength = 100;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    /// <summary>The deputy head whose departments the wall shows.</summary>
    public int OwnerId { get; private set; }
    public int CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastSeenAt { get; private set; }

    private DisplayLink() { }

    /// <summary>Creates a link and returns it with its token, which is shown once and never stored.</summary>
    public static (DisplayLink Link, string Token) Create(string name, int ownerId, int createdById, DateTime now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new DisplayLink
        {
            Name = name.Length > NameMaxLength ? name[..NameMaxLength] : name,
            TokenHash = Hash(token),
            OwnerId = ownerId,
            CreatedById = createdById,
            CreatedAt = now,
        };
        return (link, token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void Seen(DateTime now) => LastSeenAt = now;
}
