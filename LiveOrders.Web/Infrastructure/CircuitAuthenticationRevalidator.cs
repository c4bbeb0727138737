using System.Security.Claims;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// A live circuit holds the sign-in it started with; requests check the security stamp each time, a circuit never
/// would. This checks it for the circuit every <c>Security:CircuitRevalidationInterval</c> (30 s): a signed-out,
/// re-passworded or switched-off person's open screens turn anonymous and go to the sign-in page, on every node.
/// On this node it does so at once when the directory says the person changed (sign-out, deactivation, a move).
/// </summary>
public sealed class CircuitAuthenticationRevalidator : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ActorDirectory _directory;
    private readonly IdentityOptions _identity;
    private int? _employeeId;

    public CircuitAuthenticationRevalidator(ILoggerFactory logging, IServiceScopeFactory scopes, ActorDirectory directory,
        IOptions<IdentityOptions> identity, IConfiguration configuration) : base(logging)
    {
        _scopes = scopes;
        _directory = directory;
        _identity = identity.Value;
        RevalidationInterval = configuration.GetValue("Security:CircuitRevalidationInterval", TimeSpan.FromSeconds(30));
        _directory.Changed += OnPersonChanged;
    }

    protected override TimeSpan RevalidationInterval { get; }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.GetUserAsync(state.User) is not { } user) return false;
        if (users.SupportsUserSecurityStamp
            && state.User.FindFirstValue(_identity.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;
        var actor = await _directory.FindByUserIdAsync(user.Id, ct);
        _employeeId = actor?.EmployeeId;
        return actor is not null;
    }

    private void OnPersonChanged(int employeeId)
    {
        // Until the first check this circuit does not know whose it is; a change is rare, so it checks then too.
        if (_employeeId is { } known && known != employeeId) return;
        _ = RevalidateNowAsync();
    }

    private async Task RevalidateNowAsync()
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated != true || await ValidateAuthenticationStateAsync(state, CancellationToken.None)) return;
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended meanwhile: nothing left to sign out.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _directory.Changed -= OnPersonChanged;
        base.Dispose(disposing);
    }
}
