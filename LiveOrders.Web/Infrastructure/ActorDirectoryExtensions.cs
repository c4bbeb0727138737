using System.Security.Claims;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Components.Authorization;

namespace LiveOrders.Web.Infrastructure;

public static class ActorDirectoryExtensions
{
    public static Task<Actor?> FindAsync(this ActorDirectory directory, ClaimsPrincipal user, CancellationToken ct = default) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? directory.FindByUserIdAsync(userId, ct)
            : Task.FromResult<Actor?>(null);
}
