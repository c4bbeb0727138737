using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Ldap;

public enum DirectoryStatus
{
    Success,
    /// <summary>No such person, several of them, or a wrong password: the caller cannot tell which, on purpose.</summary>
    InvalidCredentials,
    /// <summary>The server did not answer, or refused the service account: nobody can sign in through it now.</summary>
    Unavailable,
}

/// <summary>A person as the directory describes them, after their password was checked by a bind.</summary>
public sealed record DirectoryPerson(string Dn, string Login, string? FullName, string? Email, string? Title, IReadOnlyList<string> Groups);

public sealed record DirectoryAnswer(DirectoryStatus Status, DirectoryPerson? Person = null)
{
    public static readonly DirectoryAnswer Invalid = new(DirectoryStatus.InvalidCredentials);
    public static readonly DirectoryAnswer Unavailable = new(DirectoryStatus.Unavailable);
}

/// <summary>
/// Checks a password against LDAP / Active Directory by bind: the service account finds the person's entry by the
/// configured filter, then a second connection binds as that entry with the typed password. The password never
/// leaves this class and is never compared here.
/// </summary>
public sealed class LdapDirectory(IOptionsMonitor<DirectoryOptions> options, ILogger<LdapDirectory> logger)
{
    public const int LoginMaxLength = 256;

    public Task<DirectoryAnswer> AuthenticateAsync(string login, string password, CancellationToken ct = default) =>
        Task.Run(() => Authenticate(login, password), ct);

    private DirectoryAnswer Authenticate(string login, string password)
    {
        var o = options.CurrentValue;
        // An empty password makes the bind "unauthenticated" (RFC 4513 §5.1.2), which many servers answer with success
        // whatever the DN: it would let anyone in as anyone. Control characters have no place in a login either.
        if (string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(login) || login.Length > LoginMaxLength || login.Any(char.IsControl))
            return DirectoryAnswer.Invalid;
        try
        {
            using var service = Connect(o, string.IsNullOrEmpty(o.BindDn) ? null : new NetworkCredential(o.BindDn, o.BindPassword));
            var filter = string.Format(CultureInfo.InvariantCulture, o.UserFilter, LdapFilter.Escape(login.Trim()));
            string[] attributes = [o.LoginAttribute, "mail", "displayName", "cn", "title", "memberOf"];
            var found = (SearchResponse)service.SendRequest(new SearchRequest(o.SearchBase, filter, SearchScope.Subtree, attributes));
            // Exactly one entry: none is an unknown name, several means the filter is too loose to know who this is.
            if (found.Entries.Count != 1) return DirectoryAnswer.Invalid;
            var entry = found.Entries[0];

            try
            {
                using var _ = Connect(o, new NetworkCredential(entry.DistinguishedName, password));
            }
            catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
            {
                return DirectoryAnswer.Invalid;
            }

            var groups = Values(entry, "memberOf").ToList();
            if (!string.IsNullOrWhiteSpace(o.GroupFilter))
            {
                var groupFilter = string.Format(CultureInfo.InvariantCulture, o.GroupFilter, LdapFilter.Escape(entry.DistinguishedName));
                var groupBase = string.IsNullOrWhiteSpace(o.GroupSearchBase) ? o.SearchBase : o.GroupSearchBase;
                var memberOf = (SearchResponse)service.SendRequest(new SearchRequest(groupBase, groupFilter, SearchScope.Subtree, "cn"));
                groups.AddRange(memberOf.Entries.Cast<SearchResultEntry>().Select(g => g.DistinguishedName));
            }

            var person = new DirectoryPerson(
                entry.DistinguishedName,
                Values(entry, o.LoginAttribute).FirstOrDefault() ?? "",
                Values(entry, "displayName").FirstOrDefault() ?? Values(entry, "cn").FirstOrDefault(),
                Values(entry, "mail").FirstOrDefault(),
                Values(entry, "title").FirstOrDefault(),
                groups.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
            return new DirectoryAnswer(DirectoryStatus.Success, person);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or InvalidOperationException or FormatException)
        {
            // Down, timed out, TLS refused, the service account or the search base wrong: an administrator's matter.
            logger.LogWarning(e, "Каталог LDAP {Host}:{Port} недоступен или настроен неверно", o.Host, o.Port);
            return DirectoryAnswer.Unavailable;
        }
    }

    /// <summary>LDAP result code 49, invalidCredentials (RFC 4511).</summary>
    private const int InvalidCredentials = 49;

    private static LdapConnection Connect(DirectoryOptions o, NetworkCredential? credential)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(o.Host, o.Port), credential,
            credential is null ? AuthType.Anonymous : AuthType.Basic);
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            connection.Timeout = TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds));
            if (o.UseSsl) connection.SessionOptions.SecureSocketLayer = true;
            if (o.StartTls) connection.SessionOptions.StartTransportLayerSecurity(null);
            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static IEnumerable<string> Values(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute)
            ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().Where(v => !string.IsNullOrWhiteSpace(v))
            : [];
}
