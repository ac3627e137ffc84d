using HotlineDispatch.Grid;

namespace HotlineDispatch.Tests.Grid;

/// <summary>Reading the grid registry and group CSVs (docs/domain.md §6): every error by its line, nothing kept from a bad file.</summary>
public sealed class GridRegistryTests
{
    private const string Header = "district,street,community,cell,name,gridWorkers\n";

    private static bool Id(string id) => id.Length > 0 && !id.Contains(' ');

    [Fact]
    public void A_good_file_becomes_the_registry_with_quoted_fields_and_workers_lists()
    {
        var (registry, errors) = GridRegistry.Parse(
            "\uFEFF" + Header + "江滨区,东湖街道,东湖新村社区,G-1,\"东湖新村一网格, 北片\",张三;李四\r\n江滨区,东湖街道,东湖社区,G-2,东湖二网格,王五、赵六\r\n\r\n", Id);

        Assert.Empty(errors);
        Assert.Equal(["张三", "李四"], registry.Find("G-1")!.Workers);
        Assert.Equal("东湖新村一网格, 北片", registry.Find("G-1")!.Name);
        Assert.Equal(("东湖街道", "东湖社区"), registry.Locate("G-2", null));
        Assert.Equal(("东湖街道", "东湖新村社区"), registry.Locate(null, "东湖新村社区3栋"));
        Assert.Equal(((string?)null, (string?)null), registry.Locate("G-9", "别处"));
    }

    [Fact]
    public void Each_bad_line_is_reported_by_its_number_and_nothing_is_kept()
    {
        var (registry, errors) = GridRegistry.Parse(Header
            + "江滨区,东湖街道,东湖社区,G-1,一网格,张三\n"
            + "江滨区,东湖街道,东湖社区,G-1,重复网格,李四\n"
            + "江滨区,西湖街道,东湖社区,G-3,三网格,王五\n"
            + "江滨区,西湖街道,西湖社区,G 4,四网格,赵六\n"
            + "江滨区,西湖街道,西湖社区,G-5\n", Id);

        Assert.Equal([3, 4, 5, 6], errors.Select(e => e.Line));
        Assert.Contains("line 2", errors[0].Message);
        Assert.Contains("东湖街道", errors[1].Message);
        Assert.Empty(registry.Places);
    }

    [Fact]
    public void Groups_must_name_a_registered_cell()
    {
        var (registry, _) = GridRegistry.Parse(Header + "江滨区,东湖街道,东湖社区,G-1,一网格,张三\n", Id);

        var (groups, errors) = registry.ParseGroups("groupId,name,gridCell\ng1,东湖一群,G-1\ng2,东湖二群,G-2\n", Id);

        Assert.Empty(groups);
        Assert.Equal(3, Assert.Single(errors).Line);
        Assert.Contains("header", GridRegistry.Parse("cell,name\nG-1,x\n", Id).Errors.Single().Message);
    }
}
