using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Ldap;

/// <summary>
/// The <c>Directory</c> section of appsettings.json: sign-in by bind against LDAP or Active Directory. Off by default.
/// </summary>
public sealed class DirectoryOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "";
    public int Port { get; set; } = 389;
    /// <summary>LDAPS: TLS from the first byte (usually port 636).</summary>
    public bool UseSsl { get; set; }
    /// <summary>StartTLS on the plain port before anything is sent.</summary>
    public bool StartTls { get; set; }
    /// <summary>The service account that looks people up; empty for an anonymous search.</summary>
    public string BindDn { get; set; } = "";
    public string BindPassword { get; set; } = "";
    public string SearchBase { get; set; } = "";
    /// <summary>Finds a person by what they typed; <c>{0}</c> is the login, escaped per RFC 4515.</summary>
    public string UserFilter { get; set; } = "(&(objectClass=inetOrgPerson)(uid={0}))";
    /// <summary>The attribute whose value becomes the LiveOrders login (<c>uid</c>, or <c>sAMAccountName</c> for Active Directory).</summary>
    public string LoginAttribute { get; set; } = "uid";
    /// <summary>Where groups are searched; the <see cref="SearchBase"/> when empty.</summary>
    public string GroupSearchBase { get; set; } = "";
    /// <summary>
    /// The groups a person belongs to, for servers without <c>memberOf</c> (slapd without the memberof overlay);
    /// <c>{0}</c> is the person's DN, escaped. Empty: only <c>memberOf</c> is read.
    /// </summary>
    public string GroupFilter { get; set; } = "(&(objectClass=groupOfNames)(member={0}))";
    public int TimeoutSeconds { get; set; } = 5;
    /// <summary>Which group makes whom what, in order: for the role and for the department, the first match that names one wins.</summary>
    public List<DirectoryGroupMapping> GroupMappings { get; set; } = [];
}

/// <summary>One rule: members of <see cref="Group"/> get <see cref="Role"/> and/or work in <see cref="Department"/>.</summary>
public sealed class DirectoryGroupMapping
{
    /// <summary>The group's full DN, or its <c>cn</c> alone.</summary>
    public string Group { get; set; } = "";
    public Role? Role { get; set; }
    /// <summary>The department's name or short name.</summary>
    public string? Department { get; set; }
}
