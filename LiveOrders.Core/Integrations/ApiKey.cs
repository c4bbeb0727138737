using System.Security.Cryptography;
using System.Text;

namespace LiveOrders.Core.Integrations;

/// <summary>
/// A key an administrator issues to another system. It acts as one employee (the integration's service account)
/// and is narrowed further: only the listed departments' orders, and writes only when <see cref="CanWrite"/>.
/// The secret is shown once; only its hash is stored. The prefix finds the key without scanning hashes.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const string TokenPrefix = "lo_";

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The first characters of the key after <see cref="TokenPrefix"/>, public: shown in the list, used to look the key up.</summary>
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    /// <summary>The employee the key acts as.</summary>
    public int EmployeeId { get; private set; }
    public bool CanWrite { get; private set; }
    public List<ApiKeyDepartment> Departments { get; private set; } = [];
    public int CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    private ApiKey() { }

    /// <summary>Creates a key and returns it with its secret, which is shown once and never stored.</summary>
    public static (ApiKey Key, string Secret) Create(string name, int employeeId, IEnumerable<int> departmentIds, bool canWrite, int createdById, DateTime now)
    {
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = $"{TokenPrefix}{prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        var key = new ApiKey
        {
            Name = name.Length > NameMaxLength ? name[..NameMaxLength] : name,
            Prefix = prefix,
            SecretHash = Hash(secret),
            EmployeeId = employeeId,
            CanWrite = canWrite,
            Departments = departmentIds.Distinct().Select(id => new ApiKeyDepartment { DepartmentId = id }).ToList(),
            CreatedById = createdById,
            CreatedAt = now,
        };
        return (key, secret);
    }

    /// <summary>The prefix of a presented secret, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string secret)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        var end = secret.IndexOf('_', TokenPrefix.Length);
        return end == TokenPrefix.Length + 12 ? secret[TokenPrefix.Length..end] : null;
    }

    // A plain SHA-256 is enough: the secret carries 256 random bits, so there is nothing to guess slowly.
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void Used(DateTime now) => LastUsedAt = now;
}

public sealed class ApiKeyDepartment
{
    public int ApiKeyId { get; set; }
    public int DepartmentId { get; set; }
}
