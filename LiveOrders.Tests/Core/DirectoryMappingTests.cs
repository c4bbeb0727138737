using LiveOrders.Core.Ldap;
using LiveOrders.Core.Organization;

namespace LiveOrders.Tests.Core;

public sealed class DirectoryMappingTests
{
    private static readonly List<DirectoryGroupMapping> Mappings =
    [
        new() { Group = "cn=LO-Admins,ou=groups,dc=city,dc=test", Role = Role.Administrator, Department = "Администрация" },
        new() { Group = "zkh-heads", Role = Role.DepartmentHead },
        new() { Group = "zkh-staff", Department = "ЖКХ" },
        new() { Group = "fin-staff", Role = Role.Employee, Department = "Финансы" },
    ];

    public static TheoryData<string[], Role?, string?> Cases => new()
    {
        { [], null, null },
        { ["cn=visitors,ou=groups,dc=city,dc=test"], null, null },
        { ["cn=zkh-staff,ou=groups,dc=city,dc=test"], null, "ЖКХ" },
        // The role from one group, the department from another.
        { ["cn=zkh-staff,ou=groups,dc=city,dc=test", "cn=zkh-heads,ou=groups,dc=city,dc=test"], Role.DepartmentHead, "ЖКХ" },
        // The administrator's order decides between two departments and two roles, whatever the order of the groups.
        { ["cn=fin-staff,ou=groups,dc=city,dc=test", "cn=zkh-staff,ou=groups,dc=city,dc=test"], Role.Employee, "ЖКХ" },
        { ["cn=fin-staff,dc=city,dc=test", "CN=lo-admins, OU=Groups, DC=City, DC=Test"], Role.Administrator, "Администрация" },
        // A full DN must match the whole DN: the same cn elsewhere in the tree is another group.
        { ["cn=LO-Admins,ou=other,dc=city,dc=test"], null, null },
        // A bare name matches the group's own cn only, not a cn further up the DN or another attribute.
        { ["cn=x,cn=zkh-staff,dc=city,dc=test", "ou=zkh-staff,dc=city,dc=test"], null, null },
        { [@"cn=zkh\,staff,ou=groups,dc=city,dc=test"], null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_FollowsTheConfiguredOrder(string[] groups, Role? role, string? department)
    {
        var placement = DirectoryMapping.Resolve(Mappings, groups);

        Assert.Equal((role, department), (placement.Role, placement.Department));
    }

    [Fact]
    public void GroupWithAnEscapedComma_MatchesItsWholeName()
    {
        Assert.True(DirectoryMapping.GroupMatches("ЖКХ, сотрудники", @"cn=ЖКХ\, сотрудники,ou=groups,dc=city,dc=test"));
    }

    [Theory]
    [InlineData("ivanov", "ivanov")]
    [InlineData("*)(uid=*", @"\2a\29\28uid=\2a")]
    [InlineData(@"a\b", @"a\5cb")]
    [InlineData("a\0b", @"a\00b")]
    [InlineData("Иванов", "Иванов")]
    public void FilterValues_AreEscapedPerRfc4515(string value, string escaped) => Assert.Equal(escaped, LdapFilter.Escape(value));

    [Fact]
    public void AuthenticatorCode_MatchesTheRfc6238TestVector()
    {
        // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (the last six digits for a 6-digit code).
        var secret = System.Text.Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("287082", AuthenticatorCodeProvider.Code(secret, 59 / 30));
        Assert.True(AuthenticatorCodeProvider.TryDecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out var decoded));
        Assert.Equal(secret, decoded);
    }
}
