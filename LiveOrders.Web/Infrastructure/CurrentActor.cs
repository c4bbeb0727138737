using System.Security.Claims;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Components.Authorization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>The signed-in employee of this circuit, looked up once and kept for the circuit's life.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorDirectory directory)
{
    private Actor? _actor;

    public async Task<Actor?> GetAsync()
    {
        if (_actor is not null) return _actor;
        var state = await authentication.GetAuthenticationStateAsync();
        return _actor = await directory.FindAsync(state.User);
    }
}
