namespace EnforcementApi.Pages;

/// <summary>
/// The HTML pages for people, beside the API: the same queries, rendered on the server, working without
/// scripts. They are not operations of the API, so the contract leaves them out.
/// </summary>
internal static partial class Pages
{
    /// <summary>The paths the pages own: the caching and security headers treat them as pages.</summary>
    static readonly string[] Roots = ["/figures", "/statements", "/sources", "/search", "/charts", "/check", "/assets"];

    public static bool Owns(PathString path) => path == "/" || Roots.Any(root => path.StartsWithSegments(root));

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapAssets();
        var pages = app.MapGroup("").ExcludeFromDescription()
            .AddEndpointFilter((invocation, next) =>
            {
                Start(invocation.HttpContext);
                return next(invocation);
            });

        pages.MapGet("/figures", FigurePages.ListAsync);
        pages.MapGet("/figures/{id}", FigurePages.OneAsync);
        pages.MapGet("/statements", StatementPages.ListAsync);
        pages.MapGet("/statements/{id}", StatementPages.OneAsync);
        pages.MapGet("/sources/{id}", SourcePages.OneAsync);
        pages.MapGet("/search", SearchPages.SearchAsync);
        pages.MapGet("/check", CheckPages.CheckAsync);
        pages.MapGet("/charts/series", ChartPages.SeriesAsync);
        pages.MapGet("/charts/breakdown", ChartPages.BreakdownAsync);
        pages.MapGet("/charts/pace", ChartPages.PaceAsync);
        return app;
    }
}
