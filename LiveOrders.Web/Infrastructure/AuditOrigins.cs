using System.Net;
using LiveOrders.Core.Audit;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.HttpOverrides;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Where each change comes from, for the audit log: the client's address, made ambient (<see cref="AuditOrigin"/>) for
/// every request and for every activity of a Blazor circuit, so the save that writes audit entries finds it.
/// A proxy's <c>X-Forwarded-For</c> is believed only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> /
/// <c>ForwardedHeaders:KnownNetworks</c>; with none named (the default) the header is ignored and the address is the
/// connection's, because anyone can send the header.
/// </summary>
public static class AuditOrigins
{
    public static IServiceCollection AddAuditOrigins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CircuitHandler, CircuitAuditOrigin>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not even loopback by default.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Forwarded headers (when a proxy is configured), then the request's address as the ambient origin.</summary>
    public static void UseAuditOrigin(this WebApplication app)
    {
        var section = app.Configuration.GetSection("ForwardedHeaders");
        if (section.GetSection("KnownProxies").GetChildren().Any() || section.GetSection("KnownNetworks").GetChildren().Any())
            app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            using (AuditOrigin.Use(AddressOf(context.Connection.RemoteIpAddress)))
                await next(context);
        });
    }

    public static string? AddressOf(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>
    /// The circuit's address, captured when it starts (inside the hub request, whose origin the middleware set), and made
    /// ambient for each inbound activity: a click, a form, a JS callback. Scoped: one per circuit. An activity usually runs
    /// in the hub connection's own flow, which already carries its address (the newer one after a reconnect from
    /// elsewhere): that one wins; the captured one covers an activity that arrives without it.
    /// </summary>
    private sealed class CircuitAuditOrigin : CircuitHandler
    {
        private readonly string? _address = AuditOrigin.Address;

        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            async context =>
            {
                using (AuditOrigin.Use(AuditOrigin.Address ?? _address))
                    await next(context);
            };
    }
}
