using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveOrders.Tests.Support;

/// <summary>A person in the test directory.</summary>
public sealed record LdapPerson(string Uid, string FullName, string Password, string? Email = null);

/// <summary>A <c>groupOfNames</c> in the test directory, with its members' uids.</summary>
public sealed record LdapGroup(string Cn, params string[] MemberUids);

/// <summary>
/// A real OpenLDAP server (Debian's <c>slapd</c>) on 127.0.0.1, in a temporary folder of its own: a generated
/// slapd.conf, an mdb database loaded with <c>slapadd</c> (an organisation, people with {SSHA} passwords made by
/// <c>slappasswd</c>, groups) and no memberof overlay, so the app must find groups by searching them.
/// </summary>
public sealed class Slapd : IAsyncDisposable
{
    public const string Suffix = "dc=city,dc=test";
    public const string PeopleBase = "ou=people," + Suffix;
    public const string GroupsBase = "ou=groups," + Suffix;
    public const string ServiceDn = "cn=liveorders,ou=services," + Suffix;
    public const string ServicePassword = "service-secret";

    private readonly string _directory;
    private Process? _process;

    private Slapd(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string PersonDn(string uid) => $"uid={uid},{PeopleBase}";
    public static string GroupDn(string cn) => $"cn={cn},{GroupsBase}";

    /// <param name="allowUnauthenticatedBind">Let a DN with an empty password bind (RFC 4513 §5.1.2), as many servers do.</param>
    public static async Task<Slapd> StartAsync(IEnumerable<LdapPerson> people, IEnumerable<LdapGroup> groups, bool allowUnauthenticatedBind = false)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("liveorders-slapd-").FullName;
        var slapd = new Slapd(directory, Ports.Free());
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "db"));
            var config = Path.Combine(directory, "slapd.conf");
            await File.WriteAllTextAsync(config, Config(directory, allowUnauthenticatedBind));
            var ldif = Path.Combine(directory, "data.ldif");
            await File.WriteAllTextAsync(ldif, await LdifAsync(people.ToList(), groups.ToList()));
            await RunAsync("/usr/sbin/slapadd", "-f", config, "-l", ldif);
            await slapd.StartProcessAsync();
            return slapd;
        }
        catch
        {
            await slapd.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessAsync()
    {
        // -d 0: stay in the foreground (so that this process owns it) without debug output.
        var info = new ProcessStartInfo("/usr/sbin/slapd", ["-f", Path.Combine(_directory, "slapd.conf"), "-h", $"ldap://127.0.0.1:{Port}/", "-d", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("slapd did not start (apt-get install slapd ldap-utils)");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"slapd did not listen on {Port}");
    }

    /// <summary>Stops the server (the directory becomes unreachable); its data stays until disposal.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The app's <c>Directory</c> section pointing at this server, with the given group mappings.</summary>
    public Dictionary<string, string?> AppSettings(params (string Group, string? Role, string? Department)[] mappings)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Directory:Enabled"] = "true",
            ["Directory:Host"] = "127.0.0.1",
            ["Directory:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Directory:UseSsl"] = "false",
            ["Directory:StartTls"] = "false",
            ["Directory:BindDn"] = ServiceDn,
            ["Directory:BindPassword"] = ServicePassword,
            ["Directory:SearchBase"] = PeopleBase,
            ["Directory:GroupSearchBase"] = GroupsBase,
            ["Directory:UserFilter"] = "(&(objectClass=inetOrgPerson)(uid={0}))",
            ["Directory:GroupFilter"] = "(&(objectClass=groupOfNames)(member={0}))",
            ["Directory:TimeoutSeconds"] = "3",
        };
        for (var i = 0; i < mappings.Length; i++)
        {
            settings[$"Directory:GroupMappings:{i}:Group"] = mappings[i].Group;
            settings[$"Directory:GroupMappings:{i}:Role"] = mappings[i].Role;
            settings[$"Directory:GroupMappings:{i}:Department"] = mappings[i].Department;
        }
        return settings;
    }

    private static string Config(string directory, bool allowUnauthenticatedBind) => $"""
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        modulepath /usr/lib/ldap
        moduleload back_mdb
        pidfile {directory}/slapd.pid
        argsfile {directory}/slapd.args
        {(allowUnauthenticatedBind ? "allow bind_anon_dn" : "")}
        database mdb
        maxsize 10485760
        suffix "{Suffix}"
        rootdn "cn=admin,{Suffix}"
        directory {directory}/db
        access to attrs=userPassword by anonymous auth by self read by * none
        access to * by users read by * none
        """;

    private static async Task<string> LdifAsync(List<LdapPerson> people, List<LdapGroup> groups)
    {
        var ldif = new StringBuilder();
        void Entry(string dn, params string[] lines)
        {
            ldif.Append("dn: ").Append(dn).Append('\n');
            foreach (var line in lines) ldif.Append(line).Append('\n');
            ldif.Append('\n');
        }
        // Non-ASCII values go base64-encoded («attr:: …»), as LDIF requires.
        static string Attribute(string name, string value) =>
            value.All(c => c < 128) ? $"{name}: {value}" : $"{name}:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}";

        Entry(Suffix, "objectClass: dcObject", "objectClass: organization", "o: City", "dc: city");
        Entry(PeopleBase, "objectClass: organizationalUnit", "ou: people");
        Entry(GroupsBase, "objectClass: organizationalUnit", "ou: groups");
        Entry("ou=services," + Suffix, "objectClass: organizationalUnit", "ou: services");
        Entry(ServiceDn, "objectClass: organizationalRole", "objectClass: simpleSecurityObject", "cn: liveorders",
            $"userPassword: {await HashAsync(ServicePassword)}");
        foreach (var person in people)
        {
            var lines = new List<string> { "objectClass: inetOrgPerson", $"uid: {person.Uid}", Attribute("cn", person.FullName),
                Attribute("sn", person.FullName.Split(' ')[0]), $"userPassword: {await HashAsync(person.Password)}" };
            if (person.Email is not null) lines.Add($"mail: {person.Email}");
            Entry(PersonDn(person.Uid), [.. lines]);
        }
        foreach (var group in groups)
            // groupOfNames needs a member: the service account stands in for an empty group.
            Entry(GroupDn(group.Cn), [ "objectClass: groupOfNames", $"cn: {group.Cn}",
                .. (group.MemberUids.Length == 0 ? [$"member: {ServiceDn}"] : group.MemberUids.Select(u => $"member: {PersonDn(u)}")) ]);
        return ldif.ToString();
    }

    private static async Task<string> HashAsync(string password) => (await RunAsync("/usr/sbin/slappasswd", "-h", "{SSHA}", "-s", password)).Trim();

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start (apt-get install slapd)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {await error}");
        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try { System.IO.Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
