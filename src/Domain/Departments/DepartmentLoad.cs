namespace HotlineDispatch.Departments;

/// <summary>A department's live counts: open tickets, and how many are overdue or carry a yellow or red card.</summary>
[GenerateSerializer, Immutable, Alias("hotline.department-load.v1")]
public sealed record DepartmentLoad(
    [property: Id(0)] string Code,
    [property: Id(1)] int Open,
    [property: Id(2)] int Overdue,
    [property: Id(3)] int Yellow,
    [property: Id(4)] int Red);
