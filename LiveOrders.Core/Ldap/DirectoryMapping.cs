using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Ldap;

/// <summary>Where the directory's groups put a person: a role and a department, either of which may be unmapped.</summary>
public sealed record DirectoryPlacement(Role? Role, string? Department)
{
    public bool IsEmpty => Role is null && Department is null;
}

/// <summary>The mapping rules, apart from any server so that they can be tested as a table.</summary>
public static class DirectoryMapping
{
    /// <summary>
    /// Reads the mappings in the administrator's order: the role comes from the first matching mapping that names a role,
    /// the department from the first that names a department. Groups that no mapping names are ignored.
    /// </summary>
    public static DirectoryPlacement Resolve(IEnumerable<DirectoryGroupMapping> mappings, IReadOnlyCollection<string> groupDns)
    {
        Role? role = null;
        string? department = null;
        foreach (var mapping in mappings)
        {
            if (string.IsNullOrWhiteSpace(mapping.Group) || !groupDns.Any(dn => GroupMatches(mapping.Group, dn))) continue;
            role ??= mapping.Role;
            if (department is null && !string.IsNullOrWhiteSpace(mapping.Department)) department = mapping.Department.Trim();
        }
        return new DirectoryPlacement(role, department);
    }

    /// <summary>
    /// A mapping's group matches a DN written the same way (case and spaces after commas aside), or, when the mapping
    /// gives a bare name, the DN whose first component is <c>cn=</c> that name.
    /// </summary>
    public static bool GroupMatches(string mappingGroup, string groupDn)
    {
        var wanted = mappingGroup.Trim();
        if (wanted.Contains('='))
            return string.Equals(NormalizeDn(wanted), NormalizeDn(groupDn), StringComparison.OrdinalIgnoreCase);
        var first = FirstRdn(groupDn);
        return first is not null && first.Value.Type.Equals("cn", StringComparison.OrdinalIgnoreCase)
            && string.Equals(first.Value.Value, wanted, StringComparison.OrdinalIgnoreCase);
    }

    private static string NormalizeDn(string dn) =>
        string.Join(',', SplitDn(dn).Select(part =>
        {
            var equals = part.IndexOf('=');
            return equals < 0 ? part.Trim() : $"{part[..equals].Trim()}={part[(equals + 1)..].Trim()}";
        }));

    private static (string Type, string Value)? FirstRdn(string dn)
    {
        var first = SplitDn(dn).FirstOrDefault();
        var equals = first?.IndexOf('=') ?? -1;
        return first is null || equals < 0 ? null : (first[..equals].Trim(), Unescape(first[(equals + 1)..].Trim()));
    }

    /// <summary>Splits at commas that are not escaped with a back slash (RFC 4514).</summary>
    private static IEnumerable<string> SplitDn(string dn)
    {
        var start = 0;
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\') { i++; continue; }
            if (dn[i] != ',') continue;
            yield return dn[start..i];
            start = i + 1;
        }
        yield return dn[start..];
    }

    private static string Unescape(string value)
    {
        var chars = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            chars.Append(value[i]);
        }
        return chars.ToString();
    }
}
