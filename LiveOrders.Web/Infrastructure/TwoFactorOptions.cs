namespace LiveOrders.Web.Infrastructure;

/// <summary>From the <c>Security</c> section of appsettings.json.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>An administrator signed in without a second factor can do nothing but set one up.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }
}
