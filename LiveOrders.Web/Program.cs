using System.Globalization;
using LiveOrders.Web;
using LiveOrders.Web.Api;
using LiveOrders.Web.Components;
using LiveOrders.Web.Infrastructure;

var russian = CultureInfo.GetCultureInfo("ru-RU");
CultureInfo.DefaultThreadCurrentCulture = russian;
CultureInfo.DefaultThreadCurrentUICulture = russian;

// `backup [--to DIR]` and `restore FILE` run and exit before any web host starts (README, «Резервные копии»).
if (BackupCommand.Handles(args)) return await BackupCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
// Run from the build output (`dotnet run`), the package assets (MudBlazor, blazor.web.js) are found through the
// build's manifest in any environment, not only Development; a published app has them in wwwroot and ignores this.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddLiveOrders(builder.Configuration);

var app = builder.Build();

app.UseAuditOrigin();
app.UseSecurityHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment()) app.UseHsts();
// A fresh scope: the re-executed status page must not reuse the failed page's NavigationManager.
app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.Use((context, next) =>
{
    // Russian status pages are for people browsing; API and hub clients get the bare status (or ProblemDetails).
    if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
    return next();
});
// The interface is Russian only for now, so the culture is too, whatever the browser asks for
// (an English browser would otherwise get English month names in a Russian page).
app.UseRequestLocalization(o =>
{
    o.SetDefaultCulture("ru-RU");
    o.AddSupportedCultures("ru-RU");
    o.AddSupportedUICultures("ru-RU");
});
app.UseSameOriginForLiveConnections();
app.UseAuthentication();
app.UseApiProtections();
app.UseAuthorization();
app.UseAccountRequirements();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapOrganizationSignInEndpoints();
app.MapImportTemplate();
app.MapTwoFactorEndpoints();
app.MapPasswordEndpoints();
app.MapOrdersApi();
app.MapAttachmentDownloads();
app.MapOrderExports();
app.MapSpravka();
app.MapReportExports();
app.MapFigureOrdersExport();
app.MapAuditExport();
app.MapControlExport();
app.MapReadLogExport();
app.MapBoardExport();
app.MapPeopleExport();
app.MapOpenApi(ApiDocument.Path).AllowAnonymous();
app.MapHub<LiveOrders.Web.Live.OrdersHub>(LiveOrders.Web.Live.OrdersHub.Path);
LiveOrders.Web.Health.HealthEndpoint.MapLiveOrdersHealth(app);
LiveOrders.Web.Live.TimedLiveFeed.Map(app);

await app.PrepareDatabaseAsync();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
