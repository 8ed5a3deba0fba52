<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MemoryEstimateText</name>
    <message>
        <location filename="../app/studio/memoryestimatetext.cpp" line="51"/>
        <source>Estimated memory for calibration: %1 (batch %2), more than %3 (80 % of this machine&apos;s memory); lower calibration.batch_size in the config before calibrating.</source>
        <translation>校准预计占用内存：%1（批大小 %2），超过 %3（本机内存的 80%）；请在校准前调小配置中的 calibration.batch_size。</translation>
    </message>
    <message>
        <location filename="../app/studio/memoryestimatetext.cpp" line="54"/>
        <source>Estimated memory for calibration: %1 (batch %2)</source>
        <translation>校准预计占用内存：%1（批大小 %2）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../widgets/graphnodeitem.cpp" line="28"/>
        <source>+%n more</source>
        <translation>
            <numerusform>还有 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="41"/>
        <source>Post-training quantization studio for ONNX models.</source>
        <translation>ONNX 模型训练后量化工作室。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="45"/>
        <source>Displays version information.</source>
        <translation>显示版本信息。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="49"/>
        <source>The .onnx model or .qsproj project to open.</source>
        <translation>要打开的 .onnx 模型或 .qsproj 项目。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="51"/>
        <source>Select node &lt;name&gt; once loaded.</source>
        <translation>加载后选中节点 &lt;name&gt;。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="55"/>
        <source>Load the quantization config &lt;file&gt;.</source>
        <translation>加载量化配置文件 &lt;file&gt;。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="58"/>
        <source>Use &lt;folder&gt; as calibration images.</source>
        <translation>使用 &lt;folder&gt; 中的图像进行校准。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="61"/>
        <source>Use &lt;folder&gt; as evaluation images.</source>
        <translation>使用 &lt;folder&gt; 中的图像进行评估。</translation>
    </message>
</context>
<context>
    <name>qs</name>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="30"/>
        <source>float (not quantized)</source>
        <translation>浮点（未量化）</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="66"/>
        <source>, levels of channel %1 (the widest)</source>
        <translation>，通道 %1（范围最宽）的量化级</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="80"/>
        <source>%1 is not a quantized layer.</source>
        <translation>%1 不是量化层。</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="99"/>
        <source>%1 has no constant weight to show.</source>
        <translation>%1 没有可显示的常量权重。</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="103"/>
        <source>Weight of %1</source>
        <translation>%1 的权重</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="109"/>
        <source>Calibrate to preview the activations of %1.</source>
        <translation>请先校准以预览 %1 的激活。</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="115"/>
        <source>No activation of %1 was observed during calibration.</source>
        <translation>校准期间未观测到 %1 的激活。</translation>
    </message>
    <message>
        <location filename="../app/studio/fixpreview.cpp" line="120"/>
        <source>Input %1 of %2</source>
        <translation>%2 的输入 %1</translation>
    </message>
</context>
<context>
    <name>qs::AccuracyChart</name>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="28"/>
        <location filename="../widgets/accuracychart.cpp" line="41"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="34"/>
        <source>Float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="34"/>
        <source>Quantized</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="38"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="62"/>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="64"/>
        <source>Top-5</source>
        <translation>Top-5</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="66"/>
        <source>Top-1 agreement</source>
        <translation>Top-1 一致率</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="80"/>
        <source>Evaluate the quantized model on labelled images to compare its accuracy with the float model.</source>
        <translation>在带标签的图像上评估量化模型，以便与浮点模型比较准确率。</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="156"/>
        <source>−%1 pt</source>
        <translation>−%1 个百分点</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="158"/>
        <source>+%1 pt</source>
        <translation>+%1 个百分点</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="159"/>
        <source>%1 pt</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="211"/>
        <source>%1: %2 of the images get the same class from both models</source>
        <translation>%1：%2 的图像在两个模型中得到相同的类别</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="215"/>
        <location filename="../widgets/accuracychart.cpp" line="217"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/accuracychart.cpp" line="219"/>
        <source>change: %1</source>
        <translation>变化：%1</translation>
    </message>
</context>
<context>
    <name>qs::ActionDecoration</name>
    <message>
        <location filename="../app/studio/actiondecoration.cpp" line="36"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>qs::ApplyPresetCommand</name>
    <message>
        <location filename="../app/studio/commands/applypresetcommand.cpp" line="31"/>
        <source>W8A8 (uniform 8-bit)</source>
        <translation>W8A8（均匀 8 位）</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/applypresetcommand.cpp" line="33"/>
        <source>W4A8, codebook weights</source>
        <translation>W4A8，码本权重</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/applypresetcommand.cpp" line="35"/>
        <source>W4A8, log weights</source>
        <translation>W4A8，对数权重</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/applypresetcommand.cpp" line="37"/>
        <source>First and last layer float</source>
        <translation>首层和末层保持浮点</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/applypresetcommand.cpp" line="74"/>
        <source>Apply preset %1</source>
        <translation>应用预设 %1</translation>
    </message>
</context>
<context>
    <name>qs::ChartExport</name>
    <message>
        <location filename="../widgets/chartexport.cpp" line="51"/>
        <location filename="../widgets/chartexport.cpp" line="58"/>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="67"/>
        <source>Cannot export the chart to %1: unknown format &quot;%2&quot;. Choose a file name ending in .png, .svg or .pdf.</source>
        <translation>无法将图表导出到 %1：未知格式“%2”。请选择以 .png、.svg 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="71"/>
        <source>Cannot export the chart to %1: the folder %2 does not exist. Choose an existing folder.</source>
        <translation>无法将图表导出到 %1：文件夹 %2 不存在。请选择一个已存在的文件夹。</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="76"/>
        <source>Cannot write the chart to %1. Check that the folder is writable and the disk is not full.</source>
        <translation>无法将图表写入 %1。请检查该文件夹是否可写，以及磁盘是否已满。</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="89"/>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="89"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="90"/>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="90"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="91"/>
        <source>Export as PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="91"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/chartexport.cpp" line="95"/>
        <source>Save this chart as it is shown</source>
        <translation>按当前显示的样子保存此图表</translation>
    </message>
</context>
<context>
    <name>qs::ChartText</name>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="20"/>
        <location filename="../widgets/chartstyle.cpp" line="68"/>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="32"/>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="34"/>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="36"/>
        <source>poor</source>
        <translation>较差</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="38"/>
        <source>bad</source>
        <translation>很差</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="42"/>
        <location filename="../widgets/chartstyle.cpp" line="65"/>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="48"/>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="50"/>
        <location filename="../widgets/chartstyle.cpp" line="53"/>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="56"/>
        <source>&lt; %1</source>
        <translation>&lt; %1</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="67"/>
        <source>∞ dB</source>
        <translation>∞ dB</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="67"/>
        <source>−∞ dB</source>
        <translation>−∞ dB</translation>
    </message>
    <message>
        <location filename="../widgets/chartstyle.cpp" line="72"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>qs::DataPanel</name>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="44"/>
        <source>Calibration images</source>
        <translation>校准图像</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="45"/>
        <source>Evaluation images</source>
        <translation>评估图像</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="53"/>
        <source>The first calibration images. Select one to preview its tensor.</source>
        <translation>前几张校准图像。选择一张可预览其张量。</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="62"/>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="65"/>
        <source>Tensor the model gets</source>
        <translation>模型接收的张量</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="105"/>
        <location filename="../app/studio/datapanel.cpp" line="168"/>
        <location filename="../app/studio/datapanel.cpp" line="169"/>
        <source>Drop a folder here or choose one.</source>
        <translation>将文件夹拖放到此处，或选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="110"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="112"/>
        <source>The images calibration runs the float model on (labels are not needed).</source>
        <translation>校准时用来运行浮点模型的图像（无需标签）。</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="113"/>
        <source>The images float and quantized model are compared on; sub-folders or labels.txt give the classes.</source>
        <translation>用于比较浮点模型与量化模型的图像；类别由子文件夹或 labels.txt 给出。</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="134"/>
        <source>Calibration Folder</source>
        <translation>校准文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="134"/>
        <source>Evaluation Folder</source>
        <translation>评估文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="190"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="195"/>
        <source>Scanning %1</source>
        <translation>扫描 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/datapanel.cpp" line="243"/>
        <source>%n file(s) found</source>
        <translation>
            <numerusform>找到 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/datapanel.cpp" line="245"/>
        <source>, %n skipped</source>
        <translation>
            <numerusform>，跳过 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/datapanel.cpp" line="247"/>
        <source>, %n class(es)</source>
        <translation>
            <numerusform>，%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="248"/>
        <source>, no labels (agreement with float only)</source>
        <translation>，无标签（仅计算与浮点模型的一致率）</translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="251"/>
        <source>; calibration uses %1 of them</source>
        <translation>；校准使用其中 %1 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/datapanel.cpp" line="258"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… 另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/datapanel.cpp" line="278"/>
        <source>Choose a calibration folder to preview the tensor of its first image.</source>
        <translation>选择校准文件夹以预览其第一张图像的张量。</translation>
    </message>
</context>
<context>
    <name>qs::DiagnosisPanel</name>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="44"/>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="57"/>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="60"/>
        <source>Layers whose SQNR is below this value are diagnosed</source>
        <translation>对 SQNR 低于此值的层进行诊断</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="65"/>
        <source>&amp;Diagnose layers below</source>
        <translation>诊断低于以下值的层(&amp;D)</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="121"/>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="121"/>
        <source>with the fix</source>
        <translation>应用修复后</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="122"/>
        <location filename="../widgets/diagnosispanel.cpp" line="291"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="152"/>
        <source>Choose a fix to see the grid it would give before applying it.</source>
        <translation>选择一项修复，即可在应用前查看它会得到的量化网格。</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="197"/>
        <source>Click to show %1 in the graph</source>
        <translation>单击以在计算图中显示 %1</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="202"/>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="207"/>
        <source>&lt;span style=&quot;color:%1&quot;&gt;&amp;#9632;&lt;/span&gt; &lt;b&gt;%2&lt;/b&gt; · %3 — %4</source>
        <translation>&lt;span style=&quot;color:%1&quot;&gt;&amp;#9632;&lt;/span&gt; &lt;b&gt;%2&lt;/b&gt; · %3 — %4</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="212"/>
        <source>%1 · %2 — %3
%4</source>
        <translation>%1 · %2 — %3
%4</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="224"/>
        <source>Fixes:</source>
        <translation>修复：</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="231"/>
        <source>Preview “%1” on %2 before applying it</source>
        <translation>在应用前预览“%1”对 %2 的效果</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="253"/>
        <source>Computing the grid “%1” would give %2…</source>
        <translation>正在计算“%1”为 %2 生成的量化网格…</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="270"/>
        <source>Before applying “%1” to %2: its grid against the current one.</source>
        <translation>对 %2 应用“%1”之前：其量化网格与当前网格的对比。</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="283"/>
        <source>The preview of the chosen fix appears here.</source>
        <translation>所选修复的预览显示在此处。</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="291"/>
        <source>Apply “%1” to %2</source>
        <translation>将“%1”应用到 %2</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="296"/>
        <source>No layer below %1 dB</source>
        <translation>没有低于 %1 dB 的层</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="301"/>
        <source>1 layer below %1 dB</source>
        <translation>1 个层低于 %1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/diagnosispanel.cpp" line="303"/>
        <source>%1 layers below %2 dB</source>
        <translation>%1 个层低于 %2 dB</translation>
    </message>
</context>
<context>
    <name>qs::Document</name>
    <message>
        <location filename="../app/studio/document.cpp" line="134"/>
        <source>no model is open</source>
        <translation>没有打开的模型</translation>
    </message>
</context>
<context>
    <name>qs::FindBar</name>
    <message>
        <location filename="../app/studio/findbar.cpp" line="13"/>
        <source>Node name or op type</source>
        <translation>节点名称或算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="15"/>
        <source>Part of a node name or op type, any case; Enter finds the next match</source>
        <translation>节点名称或算子类型的一部分，不区分大小写；按 Enter 查找下一个匹配项</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="17"/>
        <source>Find Next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="18"/>
        <source>Select the next node that matches (Enter)</source>
        <translation>选中下一个匹配的节点（Enter）</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="21"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="26"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
</context>
<context>
    <name>qs::FlipsBrowser</name>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="75"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="76"/>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="135"/>
        <source>Changed top-1 class only</source>
        <translation>仅 Top-1 类别改变的图像</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="136"/>
        <source>All images, worst first</source>
        <translation>所有图像，最差的在前</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="137"/>
        <source>Images whose top-1 class changed come first, then the others by output error, largest first</source>
        <translation>Top-1 类别改变的图像排在最前，其余图像按输出误差从大到小排列</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="169"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="216"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="216"/>
        <source>SQNR vs float</source>
        <translation>相对浮点的 SQNR</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="379"/>
        <source>No evaluated images.</source>
        <translation>没有已评估的图像。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="381"/>
        <source>%1 images ranked by output error, largest first.</source>
        <translation>%1 张图像，按输出误差从大到小排列。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="383"/>
        <source>None of %1 images changes its top-1 class.</source>
        <translation>%1 张图像中没有任何一张的 Top-1 类别发生改变。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="385"/>
        <source>1 of %1 images changes its top-1 class.</source>
        <translation>%1 张图像中有 1 张的 Top-1 类别发生改变。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="387"/>
        <source>%1 of %2 images change their top-1 class.</source>
        <translation>%2 张图像中有 %1 张的 Top-1 类别发生改变。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="401"/>
        <source>Top-1 accuracy %1 % float, %2 % quantized.</source>
        <translation>Top-1 准确率：浮点 %1%，量化 %2%。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="419"/>
        <source> (%1 %)</source>
        <translation>（%1%）</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="422"/>
        <source>Label: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="424"/>
        <source>Float: %1%2</source>
        <translation>浮点：%1%2</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="428"/>
        <source>Quantized: %1%2</source>
        <translation>量化：%1%2</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="431"/>
        <source>changed</source>
        <translation>已改变</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="435"/>
        <source>Output SQNR: %1</source>
        <translation>输出 SQNR：%1</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="446"/>
        <source>Choose an image in the table.</source>
        <translation>请在表格中选择一张图像。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="459"/>
        <source>Cannot show %1: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="477"/>
        <source>Choose an image to compare its float and quantized runs layer by layer.</source>
        <translation>选择一张图像，逐层比较其浮点运行与量化运行的结果。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="483"/>
        <source>Computing the layer-by-layer error of %1…</source>
        <translation>正在计算 %1 的逐层误差…</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="487"/>
        <source>The layer-by-layer error of %1 has not been computed.</source>
        <translation>尚未计算 %1 的逐层误差。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="504"/>
        <source>not compared</source>
        <translation>未比较</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="513"/>
        <source>◀ diverges</source>
        <translation>◀ 开始偏离</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="514"/>
        <source>The first layer whose error drops below %1 dB</source>
        <translation>误差首次低于 %1 dB 的层</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="522"/>
        <source>Diverges at &lt;b&gt;%1&lt;/b&gt; (%2), the first layer below %3 dB.</source>
        <translation>在 &lt;b&gt;%1&lt;/b&gt;（%2）处开始偏离，这是第一个低于 %3 dB 的层。</translation>
    </message>
    <message>
        <location filename="../widgets/flipsbrowser.cpp" line="525"/>
        <source>No layer drops below the fair band (%1 dB).</source>
        <translation>没有层低于“一般”区间（%1 dB）。</translation>
    </message>
</context>
<context>
    <name>qs::GraphToolTip</name>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="27"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="29"/>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="31"/>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="33"/>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="35"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="37"/>
        <source>Math</source>
        <translation>数学运算</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="39"/>
        <source>Data movement</source>
        <translation>数据搬运</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="41"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="43"/>
        <source>Control flow</source>
        <translation>控制流</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="45"/>
        <source>Input/output</source>
        <translation>输入/输出</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="49"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="56"/>
        <source>(initializer)</source>
        <translation>（初始化器）</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="59"/>
        <source>type unknown</source>
        <translation>类型未知</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/graphtooltip.cpp" line="83"/>
        <source>%n string(s)</source>
        <translation>
            <numerusform>%n 个字符串</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/graphtooltip.cpp" line="90"/>
        <source>%n tensor(s)</source>
        <translation>
            <numerusform>%n 个张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/graphtooltip.cpp" line="93"/>
        <source>%n graph(s)</source>
        <translation>
            <numerusform>%n 个子图</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="130"/>
        <source>Graph input</source>
        <translation>图输入</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="131"/>
        <source>Graph output</source>
        <translation>图输出</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="141"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="144"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="147"/>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="159"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: not measured</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：未测量</translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="160"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 (%3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2（%3）</translation>
    </message>
</context>
<context>
    <name>qs::GraphView</name>
    <message>
        <location filename="../widgets/graphview.cpp" line="100"/>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <location filename="../widgets/graphview.cpp" line="101"/>
        <location filename="../widgets/graphview.cpp" line="465"/>
        <source>Copy Name</source>
        <translation>复制名称</translation>
    </message>
    <message>
        <location filename="../widgets/graphview.cpp" line="104"/>
        <source>Copy the full name of the selected node</source>
        <translation>复制所选节点的完整名称</translation>
    </message>
    <message>
        <location filename="../widgets/graphview.cpp" line="466"/>
        <source>Copy the full name of this node</source>
        <translation>复制此节点的完整名称</translation>
    </message>
    <message>
        <location filename="../widgets/graphview.cpp" line="492"/>
        <source>Drag to pan · wheel to scroll · Ctrl+wheel or +/− to zoom · 0 for 100 % · click a node to select it</source>
        <translation>拖动以平移 · 滚轮滚动 · Ctrl+滚轮或 +/− 缩放 · 0 恢复 100% · 单击节点以选中</translation>
    </message>
</context>
<context>
    <name>qs::HeatMapLegend</name>
    <message>
        <location filename="../widgets/heatmaplegend.cpp" line="45"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>qs::HistogramView</name>
    <message>
        <location filename="../widgets/histogramview.cpp" line="113"/>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="114"/>
        <source>proposed</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="194"/>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="194"/>
        <source>Histogram of every value in the weight tensor</source>
        <translation>权重张量中所有数值的直方图</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="195"/>
        <source>Per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="195"/>
        <source>Range of each output channel: min..max, mean ± std</source>
        <translation>每个输出通道的范围：最小值..最大值，均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="196"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="196"/>
        <source>Logarithmic count axis</source>
        <translation>计数轴使用对数刻度</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="244"/>
        <source>Select a layer to see its weights.</source>
        <translation>选择一个层以查看其权重。</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="298"/>
        <source>%1: %2
%3: %4</source>
        <translation>%1：%2
%3：%4</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="351"/>
        <source>bin %1 … %2
count %3</source>
        <translation>区间 %1 … %2
计数 %3</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="415"/>
        <location filename="../widgets/histogramview.cpp" line="436"/>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="415"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="416"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="435"/>
        <source>output channel</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="573"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 values in %3 bins from %4 to %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个值，分为 %3 个区间，范围 %4 到 %5</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="579"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 values, min %3, max %4, mean %5, std %6, %7 zeros</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个值，最小值 %3，最大值 %4，均值 %5，标准差 %6，%7 个零</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="608"/>
        <source>%1 levels (%2 drawn)</source>
        <translation>%1 个量化级（绘制 %2 个）</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="611"/>
        <source>%1 levels</source>
        <translation>%1 个量化级</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="613"/>
        <source>clipped %1 %</source>
        <translation>截断 %1%</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="615"/>
        <source>SQNR %1 dB</source>
        <translation>SQNR %1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="616"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="617"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>qs::ImageOutcomeModel</name>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="34"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="41"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="42"/>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="105"/>
        <source>%1 · %2</source>
        <comment>class index · class name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="205"/>
        <source>The quantized model gets this image wrong; the float model got it right.</source>
        <translation>量化模型对这张图像的判断错误，而浮点模型判断正确。</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="207"/>
        <source>The quantized model gets this image right; the float model got it wrong.</source>
        <translation>量化模型对这张图像的判断正确，而浮点模型判断错误。</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="208"/>
        <source>The quantized model predicts another class than the float model.</source>
        <translation>量化模型预测的类别与浮点模型不同。</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="210"/>
        <source>Signal-to-quantization-noise ratio of the quantized model&apos;s output against the float model&apos;s output; lower means a larger error.</source>
        <translation>量化模型输出相对于浮点模型输出的信号量化噪声比；越低表示误差越大。</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="222"/>
        <source>Rank: images whose top-1 class changed first (most confident first), then every other image by output error, largest first</source>
        <translation>排名：Top-1 类别改变的图像在前（置信度最高的在前），其余图像按输出误差从大到小排列</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="225"/>
        <source>Top-1 class of the float model</source>
        <translation>浮点模型的 Top-1 类别</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="227"/>
        <source>Top-1 class of the quantized model (bold when it differs)</source>
        <translation>量化模型的 Top-1 类别（与浮点不同时加粗显示）</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="229"/>
        <source>Confidence of the float model in its top-1 class</source>
        <translation>浮点模型对其 Top-1 类别的置信度</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="231"/>
        <source>Confidence of the quantized model in its top-1 class</source>
        <translation>量化模型对其 Top-1 类别的置信度</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="233"/>
        <source>SQNR of the quantized output against the float output</source>
        <translation>量化输出相对于浮点输出的 SQNR</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="241"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="243"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="245"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="247"/>
        <source>Float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="249"/>
        <source>Quantized</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="251"/>
        <source>Float conf.</source>
        <translation>浮点置信度</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="253"/>
        <source>Quant. conf.</source>
        <translation>量化置信度</translation>
    </message>
    <message>
        <location filename="../widgets/imageoutcomemodel.cpp" line="255"/>
        <source>Output SQNR</source>
        <translation>输出 SQNR</translation>
    </message>
</context>
<context>
    <name>qs::KeepFloatCommand</name>
    <message>
        <location filename="../app/studio/commands/keepfloatcommand.cpp" line="11"/>
        <source>Keep %1 float</source>
        <translation>将 %1 保持为浮点</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/keepfloatcommand.cpp" line="12"/>
        <source>Quantize %1</source>
        <translation>量化 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/commands/keepfloatcommand.cpp" line="13"/>
        <source>Keep %n layers float</source>
        <translation>
            <numerusform>将 %n 个层保持为浮点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/commands/keepfloatcommand.cpp" line="14"/>
        <source>Quantize %n layers</source>
        <translation>
            <numerusform>量化 %n 个层</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qs::LayerErrorChart</name>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="56"/>
        <source>layer-errors</source>
        <translation>逐层误差</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="62"/>
        <source>SQNR (dB), higher is better</source>
        <translation>SQNR (dB)，越高越好</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="65"/>
        <source>cumulative (whole model quantized)</source>
        <translation>累积（整个模型量化）</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="67"/>
        <source>isolated (only this layer quantized)</source>
        <translation>单层（仅量化该层）</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="90"/>
        <source>SQNR bands</source>
        <translation>SQNR 区间</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="124"/>
        <source>Evaluate the quantized model to see the error of each layer.</source>
        <translation>评估量化模型以查看每一层的误差。</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="220"/>
        <source>▶ %1</source>
        <translation>▶ %1</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="357"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="358"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="360"/>
        <source>cumulative</source>
        <translation>累积</translation>
    </message>
    <message>
        <location filename="../widgets/layererrorchart.cpp" line="362"/>
        <source>isolated</source>
        <translation>单层</translation>
    </message>
</context>
<context>
    <name>qs::LayerHistograms</name>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="35"/>
        <source>float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="37"/>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="38"/>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="39"/>
        <source>codebook</source>
        <translation>码本</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="45"/>
        <source>%1-bit</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="46"/>
        <source>per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="47"/>
        <source>per-tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="49"/>
        <source>symmetric</source>
        <translation>对称</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="50"/>
        <source>asymmetric</source>
        <translation>非对称</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="89"/>
        <source>%1 has no constant weight to quantize.</source>
        <translation>%1 没有可量化的常量权重。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="95"/>
        <source>The weight of %1 is not floating point.</source>
        <translation>%1 的权重不是浮点类型。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="96"/>
        <source>Computing weight statistics…</source>
        <translation>正在计算权重统计…</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="111"/>
        <source>Previewing %1</source>
        <translation>预览 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="137"/>
        <source>, levels of channel %1 (the widest)</source>
        <translation>，通道 %1（范围最宽）的量化级</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="146"/>
        <source>%1 is not a quantizable layer.</source>
        <translation>%1 不是可量化的层。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="152"/>
        <source>Calibrate (Quantize → Calibrate) to see the activations of %1.</source>
        <translation>请先校准（量化 → 校准）以查看 %1 的激活。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="166"/>
        <source>No activation of %1 was observed during calibration.</source>
        <translation>校准期间未观测到 %1 的激活。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="170"/>
        <source>Input %1 of %2</source>
        <translation>%2 的输入 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/layerhistograms.cpp" line="181"/>
        <source>%1, %2 range</source>
        <translation>%1，%2 范围</translation>
    </message>
</context>
<context>
    <name>qs::LayerInspector</name>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="36"/>
        <source>override</source>
        <translation>逐层覆盖</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="38"/>
        <source>float layer</source>
        <translation>浮点层</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="40"/>
        <source>float op type</source>
        <translation>浮点算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="42"/>
        <source>forced</source>
        <translation>强制</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="44"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="56"/>
        <source>Uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="56"/>
        <source>Logarithmic</source>
        <translation>对数</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="56"/>
        <source>Codebook (k-means)</source>
        <translation>码本（k-means）</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="56"/>
        <location filename="../app/studio/layerinspector.cpp" line="70"/>
        <source>Float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="58"/>
        <source>How the weights are stored: uniform integers, powers of two, a k-means codebook of 2^bits values, or unchanged float.</source>
        <translation>权重的存储方式：均匀整数、2 的幂、含 2^bits 个值的 k-means 码本，或保持浮点不变。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="61"/>
        <source> bits</source>
        <translation> 位</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="62"/>
        <source>Bits per weight. Uniform: 2-16, log: 3-8, codebook: 1-8.</source>
        <translation>每个权重的位数。均匀：2-16，对数：3-8，码本：1-8。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="64"/>
        <source>Per tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="64"/>
        <source>Per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="65"/>
        <source>One scale (or codebook) for the whole weight, or one per output channel.</source>
        <translation>整个权重共用一个缩放因子（或码本），或每个输出通道各用一个。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="66"/>
        <source>Symmetric range</source>
        <translation>对称范围</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="68"/>
        <source>Uniform weights only: a range centred on zero (zero is exact), else [min, max].</source>
        <translation>仅用于均匀权重：以零为中心的范围（零可精确表示），否则为 [min, max]。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="70"/>
        <source>8-bit</source>
        <translation>8 位</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="70"/>
        <source>16-bit</source>
        <translation>16 位</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="71"/>
        <location filename="../app/studio/layerinspector.cpp" line="202"/>
        <source>The layer&apos;s input and output activations: uniform 8 or 16 bit, or float.</source>
        <translation>该层的输入和输出激活：均匀 8 位或 16 位，或浮点。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="72"/>
        <source>Keep layer float</source>
        <translation>该层保持浮点</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="74"/>
        <source>Leave weights and activations of the layer in float (the float_layers list).</source>
        <translation>该层的权重和激活保持浮点（float_layers 列表）。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="79"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="79"/>
        <location filename="../app/studio/layerinspector.cpp" line="102"/>
        <source>Percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="79"/>
        <source>Entropy (KL)</source>
        <translation>熵（KL）</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="79"/>
        <source>Min-max</source>
        <translation>最小-最大</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="81"/>
        <source>How this layer&apos;s activation clipping range is chosen from its calibration histogram; no new calibration is needed. Quantize → Default Range Method sets it for every layer without its own.</source>
        <translation>如何根据校准直方图选择该层激活的截断范围；无需重新校准。“量化 → 默认范围方法”为所有未单独设置的层设定此项。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="90"/>
        <source>Share of |x| kept inside the range by the percentile method.</source>
        <translation>百分位方法保留在范围内的 |x| 所占比例。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="92"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="94"/>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="95"/>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="96"/>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="98"/>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="100"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="101"/>
        <source>Range method</source>
        <translation>范围方法</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="169"/>
        <source>Select a layer in the graph or the table.</source>
        <translation>在计算图或表格中选择一个层。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="176"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/layerinspector.cpp" line="177"/>
        <source>&lt;b&gt;%n layers&lt;/b&gt;, showing %1</source>
        <translation>
            <numerusform>&lt;b&gt;%n 个层&lt;/b&gt;，显示 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="201"/>
        <source>An embedding lookup has no float input to quantize.</source>
        <translation>嵌入查找没有可量化的浮点输入。</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="221"/>
        <source>Scheme from: %1%2</source>
        <translation>方案来源：%1%2</translation>
    </message>
    <message>
        <location filename="../app/studio/layerinspector.cpp" line="223"/>
        <source>; range method set for this layer</source>
        <translation>；已为该层单独设置范围方法</translation>
    </message>
</context>
<context>
    <name>qs::LayerItemDelegate</name>
    <message>
        <location filename="../widgets/layeritemdelegate.cpp" line="30"/>
        <source> bits</source>
        <translation> 位</translation>
    </message>
</context>
<context>
    <name>qs::LayerTableModel</name>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="54"/>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="56"/>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="58"/>
        <source>codebook</source>
        <translation>码本</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="60"/>
        <location filename="../widgets/layertablemodel.cpp" line="269"/>
        <location filename="../widgets/layertablemodel.cpp" line="299"/>
        <source>float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="68"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="70"/>
        <source>override</source>
        <translation>逐层覆盖</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="72"/>
        <source>kept float</source>
        <translation>保持浮点</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="74"/>
        <source>op type float</source>
        <translation>按算子类型保持浮点</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="76"/>
        <source>forced</source>
        <translation>强制</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="247"/>
        <source>stored: %1</source>
        <translation>已存储为：%1</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="249"/>
        <source>quantized</source>
        <translation>已量化</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="262"/>
        <location filename="../widgets/layertablemodel.cpp" line="295"/>
        <source>per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="263"/>
        <location filename="../widgets/layertablemodel.cpp" line="295"/>
        <source>per-tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="267"/>
        <location filename="../widgets/layertablemodel.cpp" line="297"/>
        <source>symmetric</source>
        <translation>对称</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="267"/>
        <location filename="../widgets/layertablemodel.cpp" line="297"/>
        <source>asymmetric</source>
        <translation>非对称</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="270"/>
        <source>%1-bit</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="274"/>
        <source>percentile %1</source>
        <translation>百分位 %1</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="299"/>
        <source>8-bit</source>
        <translation>8 位</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="299"/>
        <source>16-bit</source>
        <translation>16 位</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="428"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="471"/>
        <source>How the weights are stored: uniform integers, logarithmic levels, a k-means codebook, or float. Double-click to change.</source>
        <translation>权重的存储方式：均匀整数、对数量化级、k-means 码本或浮点。双击可修改。</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="474"/>
        <source>Where this layer&apos;s scheme comes from: the defaults, a per-layer override, the kept-float list, the op-type list, or fixed by the layer.</source>
        <translation>该层方案的来源：默认设置、逐层覆盖、保持浮点列表、算子类型列表，或由该层本身决定。</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="477"/>
        <source>Signal-to-quantization-noise ratio of the layer&apos;s output, all layers quantized (higher is better). Below %1 dB the layer counts as weak (see Preferences).</source>
        <translation>所有层都量化时该层输出的信号量化噪声比（越高越好）。低于 %1 dB 的层视为薄弱层（见“首选项”）。</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="481"/>
        <source>Top-1 accuracy (or agreement with float) in %, only this layer quantized.</source>
        <translation>仅量化该层时的 Top-1 准确率（或与浮点模型的一致率），单位 %。</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="483"/>
        <source>Bytes of the quantized weight as exported.</source>
        <translation>导出后量化权重的字节数。</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="512"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="514"/>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="516"/>
        <source>Weight shape</source>
        <translation>权重形状</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="518"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="520"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="522"/>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="524"/>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="526"/>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="528"/>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="530"/>
        <source>Range method</source>
        <translation>范围方法</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="532"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="534"/>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="536"/>
        <source>Sensitivity (%)</source>
        <translation>灵敏度 (%)</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="538"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="540"/>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="542"/>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="544"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="546"/>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
</context>
<context>
    <name>qs::LayersPanel</name>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="33"/>
        <source>Filter layers by name or op…</source>
        <translation>按名称或算子筛选层…</translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="35"/>
        <source>Shows only the layers whose name, op or plan contains this text</source>
        <translation>仅显示名称、算子或量化计划包含此文本的层</translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="113"/>
        <source>Copy Name</source>
        <translation>复制名称</translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="116"/>
        <source>Copy the full names of the selected layers</source>
        <translation>复制所选层的完整名称</translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="120"/>
        <source>Select All Layers of This Op Type</source>
        <translation>选择此算子类型的所有层</translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="123"/>
        <source>Select every layer with the op type of the current layer</source>
        <translation>选择与当前层算子类型相同的所有层</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/layerspanel.cpp" line="151"/>
        <source>Keep %n Layer(s) Float</source>
        <translation>
            <numerusform>将 %n 个层保持为浮点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/layerspanel.cpp" line="153"/>
        <source>Quantize %n Layer(s)</source>
        <translation>
            <numerusform>量化 %n 个层</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="158"/>
        <source>Select All %1 Layers</source>
        <translation>选择所有 %1 层</translation>
    </message>
</context>
<context>
    <name>qs::MainWindow</name>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="149"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="150"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="151"/>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="152"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="153"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="154"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="156"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="157"/>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="159"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="164"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="166"/>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="167"/>
        <source>Close the model and start an untitled project</source>
        <translation>关闭模型并新建一个未命名项目</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="170"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="171"/>
        <source>Open an ONNX model or a Quantscope project (.qsproj)</source>
        <translation>打开 ONNX 模型或 Quantscope 项目（.qsproj）</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="173"/>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="175"/>
        <source>Save the model reference, data settings, strategy and results</source>
        <translation>保存模型引用、数据设置、量化策略和结果</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="178"/>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="180"/>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="185"/>
        <source>&amp;Load Config…</source>
        <translation>加载配置(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="188"/>
        <source>Replace the strategy and data settings with those of a JSON config file</source>
        <translation>用 JSON 配置文件中的量化策略和数据设置替换当前设置</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="189"/>
        <source>&amp;Export Quantized Model…</source>
        <translation>导出量化模型(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="192"/>
        <location filename="../app/studio/mainwindow.cpp" line="325"/>
        <source>Write the quantized ONNX model, its plan and an HTML report</source>
        <translation>写出量化后的 ONNX 模型、其量化计划和 HTML 报告</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="194"/>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="198"/>
        <source>Write the review report of the current evaluation: HTML, PDF and a JSON record</source>
        <translation>写出当前评估的审阅报告：HTML、PDF 和一份 JSON 记录</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="200"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="203"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="204"/>
        <source>Close the model</source>
        <translation>关闭模型</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="206"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="208"/>
        <source>Quit Quantscope</source>
        <translation>退出 Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="212"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="213"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="215"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="218"/>
        <source>Undo the last edit of the strategy or the data settings</source>
        <translation>撤销对量化策略或数据设置的上一次编辑</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="219"/>
        <source>Redo the edit undone last</source>
        <translation>重做上一次撤销的编辑</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="223"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="230"/>
        <source>Threads, language, theme, weak-layer threshold and default folders</source>
        <translation>线程数、语言、主题、薄弱层阈值和默认文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="234"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="236"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="237"/>
        <source>Zoom into the graph</source>
        <translation>放大计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="239"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="240"/>
        <source>Zoom out of the graph</source>
        <translation>缩小计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="241"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="243"/>
        <source>Show the whole graph</source>
        <translation>显示整个计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="244"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="246"/>
        <source>Show the graph at 100 %</source>
        <translation>以 100% 比例显示计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="249"/>
        <source>&amp;Find Node…</source>
        <translation>查找节点(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="250"/>
        <source>Find a node by name or op type</source>
        <translation>按名称或算子类型查找节点</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="251"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="257"/>
        <source>Select the next node that matches the text of the find bar</source>
        <translation>选中下一个与查找栏文本匹配的节点</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="260"/>
        <source>Show or hide the %1 panel</source>
        <translation>显示或隐藏“%1”面板</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="264"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="266"/>
        <source>Put every panel back where it was on the first start</source>
        <translation>将所有面板恢复到首次启动时的位置</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="270"/>
        <source>&amp;Quantize</source>
        <translation>量化(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="271"/>
        <source>Calibration &amp;Folder…</source>
        <translation>校准文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="273"/>
        <source>Choose the folder of images that calibration runs the model on</source>
        <translation>选择校准时用来运行模型的图像文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="274"/>
        <source>E&amp;valuation Folder…</source>
        <translation>评估文件夹(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="277"/>
        <source>Choose the folder of images on which evaluation compares the float and the quantized model</source>
        <translation>选择评估时用来比较浮点模型与量化模型的图像文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="279"/>
        <source>Apply &amp;Preset</source>
        <translation>应用预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="284"/>
        <source>Apply the preset %1 to every layer (one undo step)</source>
        <translation>将预设 %1 应用到所有层（可一步撤销）</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="288"/>
        <source>Default &amp;Range Method</source>
        <translation>默认范围方法(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="289"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="290"/>
        <source>Percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="291"/>
        <source>Entropy (KL)</source>
        <translation>熵（KL）</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="292"/>
        <source>Min-max</source>
        <translation>最小-最大</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="298"/>
        <source>Pick activation ranges by %1, except in layers that have their own method</source>
        <translation>用 %1 选取激活范围（已单独设置方法的层除外）</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="301"/>
        <source>Toggle &amp;Keep Float</source>
        <translation>切换保持浮点(&amp;K)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="304"/>
        <source>Keep the selected layers float, or quantize them again when all are</source>
        <translation>将所选层保持为浮点；若已全部为浮点，则重新量化</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="307"/>
        <source>&amp;Calibrate</source>
        <translation>校准(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="310"/>
        <source>Run the model on the calibration images to find the activation ranges</source>
        <translation>在校准图像上运行模型以确定激活范围</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="312"/>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="315"/>
        <source>Compare the float and the quantized model on the evaluation images</source>
        <translation>在评估图像上比较浮点模型与量化模型</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="317"/>
        <source>Layer &amp;Sensitivity</source>
        <translation>逐层灵敏度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="320"/>
        <source>Measure how much quantizing each layer alone costs in accuracy</source>
        <translation>测量单独量化每一层带来的准确率损失</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="323"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="326"/>
        <source>Cancel Running Job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="329"/>
        <source>Stop the running calibration, evaluation, sensitivity run or export</source>
        <translation>停止正在进行的校准、评估、灵敏度分析或导出</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="333"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="335"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="345"/>
        <source>List every keyboard shortcut</source>
        <translation>列出所有键盘快捷键</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="348"/>
        <source>&amp;About Quantscope</source>
        <translation>关于 Quantscope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="350"/>
        <source>About Quantscope</source>
        <translation>关于 Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="351"/>
        <source>&lt;b&gt;Quantscope %1&lt;/b&gt;&lt;p&gt;Post-training quantization of ONNX models: choose a strategy per layer while looking at weight and activation histograms, calibrate on a folder of images, compare float and quantized accuracy, and export a quantized ONNX model.</source>
        <translation>&lt;b&gt;Quantscope %1&lt;/b&gt;&lt;p&gt;ONNX 模型的训练后量化：一边查看权重和激活的直方图，一边为每一层选择量化策略；用一个图像文件夹进行校准，比较浮点模型与量化模型的准确率，并导出量化后的 ONNX 模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="356"/>
        <source>Version and purpose of Quantscope</source>
        <translation>Quantscope 的版本和用途</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="361"/>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="365"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="366"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="368"/>
        <source>Calibrate</source>
        <translation>校准</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="369"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="370"/>
        <source>Sensitivity</source>
        <translation>灵敏度</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="372"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/mainwindow.cpp" line="409"/>
        <source>Calibrated on %n image(s)</source>
        <translation>
            <numerusform>已在 %n 张图像上校准</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="415"/>
        <source>Top-1 float %1 → quantized %2</source>
        <translation>Top-1 准确率：浮点 %1 → 量化 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="417"/>
        <source>Agreement with float %1</source>
        <translation>与浮点模型一致率 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="419"/>
        <source>, agreement %1</source>
        <translation>，一致率 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="422"/>
        <source>, weights %1× smaller</source>
        <translation>，权重缩小为 1/%1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="425"/>
        <source> (for an earlier strategy: evaluate again)</source>
        <translation>（针对之前的策略：请重新评估）</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="453"/>
        <location filename="../app/studio/mainwindow.cpp" line="458"/>
        <source>Export Quantized Model</source>
        <translation>导出量化模型</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="454"/>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="459"/>
        <source>%1 is the open model. Export to another file; the input model is never overwritten.</source>
        <translation>%1 是当前打开的模型。请导出到其他文件；输入模型永远不会被覆盖。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="469"/>
        <source>Load Config</source>
        <translation>加载配置</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="471"/>
        <source>Quantization configs (*.json);;All files (*)</source>
        <translation>量化配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="478"/>
        <source>%1 is the open model; save the config to another file.</source>
        <translation>%1 是当前打开的模型；请将配置保存到其他文件。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="489"/>
        <source>Saved the config to %1</source>
        <translation>配置已保存到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="495"/>
        <source>Save Config</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="498"/>
        <source>Quantization configs (*.json)</source>
        <translation>量化配置 (*.json)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="505"/>
        <source>Open a model before choosing its calibration images.</source>
        <translation>请先打开模型，再选择其校准图像。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="510"/>
        <source>Calibration folder: %1</source>
        <translation>校准文件夹：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="515"/>
        <source>Evaluation folder: %1</source>
        <translation>评估文件夹：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="519"/>
        <source>Use as Calibration Folder</source>
        <translation>用作校准文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="520"/>
        <source>Use as Evaluation Folder</source>
        <translation>用作评估文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="559"/>
        <source>Graph of %1 shown %2 ms after opening</source>
        <translation>%1 的计算图在打开后 %2 毫秒显示</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="602"/>
        <source>Open Model or Project</source>
        <translation>打开模型或项目</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="603"/>
        <source>Models and projects (*.onnx *.qsproj);;ONNX models (*.onnx);;Quantscope projects (*.qsproj);;All files (*)</source>
        <translation>模型和项目 (*.onnx *.qsproj);;ONNX 模型 (*.onnx);;Quantscope 项目 (*.qsproj);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="616"/>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="656"/>
        <source>Read %1 in %2 ms: %3</source>
        <translation>已读取 %1，用时 %2 毫秒：%3</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="689"/>
        <source>%1[*] (%2) — Quantscope</source>
        <translation>%1[*]（%2）— Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="753"/>
        <source>Drop an .onnx model, a .qsproj project, a folder of images or a .json config.</source>
        <translation>请拖放 .onnx 模型、.qsproj 项目、图像文件夹或 .json 配置。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="534"/>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/mainwindow.cpp" line="540"/>
        <source>%n warning(s) while loading; see Messages.</source>
        <translation>
            <numerusform>加载时出现 %n 个警告；请查看“消息”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="619"/>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="620"/>
        <source>Forget the recently opened files</source>
        <translation>清除最近打开的文件记录</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="627"/>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="649"/>
        <source>%1 nodes, %2 layers, %3 parameters</source>
        <translation>%1 个节点，%2 个层，%3 个参数</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="668"/>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="685"/>
        <source>Quantscope</source>
        <translation>Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="687"/>
        <source>%1[*] — Quantscope</source>
        <translation>%1[*] — Quantscope</translation>
    </message>
</context>
<context>
    <name>qs::MessageLog</name>
    <message>
        <location filename="../app/studio/messagelog.cpp" line="11"/>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <location filename="../app/studio/messagelog.cpp" line="13"/>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>qs::ModelLoadTask</name>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="37"/>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="48"/>
        <source>%1: not enough memory to load the model</source>
        <translation>%1：内存不足，无法加载模型</translation>
    </message>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="59"/>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
</context>
<context>
    <name>qs::ParetoChart</name>
    <message>
        <location filename="../widgets/paretochart.cpp" line="25"/>
        <source>size-accuracy</source>
        <translation>大小-准确率</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="29"/>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="32"/>
        <source>Pareto front (smallest for its accuracy)</source>
        <translation>Pareto 前沿（同等准确率下最小）</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="35"/>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="37"/>
        <source>top-1 accuracy</source>
        <translation>top-1 准确率</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="64"/>
        <source>Evaluate quantization variants to compare their size and accuracy.</source>
        <translation>评估多种量化变体，以比较它们的大小和准确率。</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="75"/>
        <source>%1 (%)</source>
        <translation>%1（%）</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="129"/>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="132"/>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="135"/>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="137"/>
        <source>model size (%1), smaller is better</source>
        <translation>模型大小（%1），越小越好</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="221"/>
        <source>size: %1</source>
        <translation>大小：%1</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="223"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/paretochart.cpp" line="225"/>
        <source>on the Pareto front</source>
        <translation>位于 Pareto 前沿</translation>
    </message>
</context>
<context>
    <name>qs::PreprocessEditor</name>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="121"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="155"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="156"/>
        <source>Colour order:</source>
        <translation>颜色顺序：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="157"/>
        <source>Resize:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="158"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="159"/>
        <source>Shorter side:</source>
        <translation>短边：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="160"/>
        <source>Interpolation:</source>
        <translation>插值：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="162"/>
        <source>Scale:</source>
        <translation>缩放系数：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="163"/>
        <source>Mean:</source>
        <translation>均值：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="164"/>
        <source>Std:</source>
        <translation>标准差：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="165"/>
        <source>Layout:</source>
        <translation>布局：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="181"/>
        <source>Fills in the colour order and normalisation of a common convention, keeping the resize and crop the model input needs</source>
        <translation>按常用约定填入颜色顺序和归一化参数，保留模型输入所需的缩放和裁剪</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="183"/>
        <source>ImageNet</source>
        <translation>ImageNet</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="184"/>
        <source>[0, 1]</source>
        <translation>[0, 1]</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="185"/>
        <source>[-1, 1]</source>
        <translation>[-1, 1]</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="186"/>
        <source>Raw 0-255</source>
        <translation>原始 0-255</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="188"/>
        <source>The channel order the model expects</source>
        <translation>模型期望的通道顺序</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="189"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="190"/>
        <source>BGR</source>
        <translation>BGR</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="191"/>
        <source>Gray</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="194"/>
        <source>How the image is resized before the optional center crop</source>
        <translation>在可选的中心裁剪之前如何缩放图像</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="195"/>
        <source>Keep size</source>
        <translation>保持尺寸</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="196"/>
        <source>Exact size</source>
        <translation>指定尺寸</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="197"/>
        <source>Shorter side</source>
        <translation>按短边</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="198"/>
        <source>Height after resizing</source>
        <translation>缩放后的高度</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="199"/>
        <source>Width after resizing</source>
        <translation>缩放后的宽度</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="201"/>
        <source>Length of the shorter side after resizing; the aspect ratio is kept</source>
        <translation>缩放后短边的长度；保持宽高比</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="204"/>
        <source>How pixels are resampled</source>
        <translation>像素的重采样方式</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="205"/>
        <source>Nearest</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="206"/>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="207"/>
        <source>Cubic</source>
        <translation>三次</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="208"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="210"/>
        <source>Center crop:</source>
        <translation>中心裁剪：</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="212"/>
        <source>Takes a region of this size from the middle of the resized image</source>
        <translation>从缩放后图像的中央截取此尺寸的区域</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="213"/>
        <source>Height of the center crop</source>
        <translation>中心裁剪的高度</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="214"/>
        <source>Width of the center crop</source>
        <translation>中心裁剪的宽度</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="216"/>
        <source>e.g. 1/255</source>
        <translation>例如 1/255</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="217"/>
        <source>Multiplies the 0-255 pixel values; a number or a fraction such as 1/255</source>
        <translation>与 0-255 的像素值相乘；可以是数字或分数，例如 1/255</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="218"/>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="219"/>
        <source>Subtracted after scaling: one value, or one per channel separated by commas</source>
        <translation>缩放后减去：一个值，或每个通道一个值（以逗号分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="220"/>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="221"/>
        <source>Divides after subtracting the mean: one value, or one per channel separated by commas</source>
        <translation>减去均值后除以：一个值，或每个通道一个值（以逗号分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="226"/>
        <source>NCHW: channels first (PyTorch, most ONNX models); NHWC: channels last (TensorFlow)</source>
        <translation>NCHW：通道在前（PyTorch 及大多数 ONNX 模型）；NHWC：通道在后（TensorFlow）</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="227"/>
        <source>NCHW</source>
        <translation>NCHW</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="228"/>
        <source>NHWC</source>
        <translation>NHWC</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="234"/>
        <source>Why the tensor would not fit the model, if it would not</source>
        <translation>张量与模型不匹配时的原因</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="242"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="319"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="355"/>
        <source>The layout is %1 but the model input is %2</source>
        <translation>布局为 %1，但模型输入为 %2</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="366"/>
        <source>The tensor will be %1×%2 (height × width) but the model input is %3×%4</source>
        <translation>张量将为 %1×%2（高 × 宽），但模型输入为 %3×%4</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="421"/>
        <source>preprocess.scale: &apos;%1&apos; is not a number or a fraction such as 1/255</source>
        <translation>preprocess.scale：“%1”不是数字，也不是 1/255 这样的分数</translation>
    </message>
    <message>
        <location filename="../widgets/preprocesseditor.cpp" line="436"/>
        <source>%1: &apos;%2&apos; is not a number</source>
        <translation>%1：“%2”不是数字</translation>
    </message>
</context>
<context>
    <name>qs::ProgressStage</name>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="15"/>
        <source>reading</source>
        <translation>读取文件</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="17"/>
        <source>parsing</source>
        <extracomment>Parsing the protobuf of an ONNX file.</extracomment>
        <translation>解析</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="19"/>
        <source>checking</source>
        <extracomment>Running the ONNX checker on a model that was just read.</extracomment>
        <translation>检查模型</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="20"/>
        <source>inferring shapes</source>
        <translation>推断形状</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="22"/>
        <source>converting graph</source>
        <extracomment>Converting the ONNX graph into the internal graph.</extracomment>
        <translation>转换计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="24"/>
        <source>sorting</source>
        <extracomment>Sorting the graph&apos;s nodes topologically.</extracomment>
        <translation>拓扑排序</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="25"/>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="27"/>
        <source>Checking images</source>
        <translation>检查图像</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="28"/>
        <source>Loading images</source>
        <translation>加载图像</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="29"/>
        <source>Scanning calibration images</source>
        <translation>扫描校准图像</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="30"/>
        <source>Scanning evaluation images</source>
        <translation>扫描评估图像</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="32"/>
        <source>Calibrating</source>
        <translation>校准</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="33"/>
        <source>Computing activation ranges</source>
        <translation>计算激活范围</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="34"/>
        <source>Quantizing weights</source>
        <translation>量化权重</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="35"/>
        <source>Correcting biases</source>
        <translation>校正偏置</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="37"/>
        <source>evaluating</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="38"/>
        <source>running the float model</source>
        <translation>运行浮点模型</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="39"/>
        <source>sensitivity measured</source>
        <translation>灵敏度已测量</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="42"/>
        <source>rewriting the graph</source>
        <extracomment>Replacing quantized layers by QuantizeLinear/DequantizeLinear nodes.</extracomment>
        <translation>改写计算图</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="43"/>
        <source>encoding weights</source>
        <translation>编码权重</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="44"/>
        <source>encoding biases</source>
        <translation>编码偏置</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="45"/>
        <source>quantized graph built</source>
        <translation>量化图已构建</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="47"/>
        <source>checking and serializing</source>
        <extracomment>Checking the exported model and serializing it to protobuf.</extracomment>
        <translation>检查并序列化</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="49"/>
        <source>writing</source>
        <extracomment>Writing the exported file.</extracomment>
        <translation>写入文件</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="50"/>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="51"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="62"/>
        <source>Listing %1</source>
        <extracomment>%1 is the image folder whose files are being listed.</extracomment>
        <translation>列出 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/stagetitle.cpp" line="64"/>
        <source>quantizing only %1</source>
        <extracomment>Sensitivity analysis: only layer %1 is quantized while the model runs.</extracomment>
        <translation>仅量化 %1</translation>
    </message>
</context>
<context>
    <name>qs::ProjectActions</name>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="28"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="32"/>
        <source>Opened the project %1</source>
        <translation>已打开项目 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="40"/>
        <source>%1 changed since the project was saved (its SHA-256 differs).</source>
        <translation>%1 在项目保存后已被修改（SHA-256 不同）。</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="44"/>
        <source>Every per-layer setting still names a layer of the model; saved results were not reused.</source>
        <translation>所有逐层设置引用的层在模型中仍然存在；未复用已保存的结果。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/projectactions.cpp" line="46"/>
        <source>%n per-layer setting(s) name layers it no longer has; they were set aside and are listed in Messages.</source>
        <translation>
            <numerusform>%n 项逐层设置引用了模型中已不存在的层；这些设置已被搁置，并列在“消息”中。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="50"/>
        <source>Model Changed</source>
        <translation>模型已更改</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="75"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="76"/>
        <source>Saved the project to %1</source>
        <translation>项目已保存到 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="88"/>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="89"/>
        <source>Quantscope projects (*.qsproj)</source>
        <translation>Quantscope 项目 (*.qsproj)</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="120"/>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="120"/>
        <source>Save the changes to %1 before closing it?</source>
        <translation>关闭前是否保存对 %1 的更改？</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="131"/>
        <source>Restore Unsaved Work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="132"/>
        <source>Quantscope did not close properly. Restore the unsaved work on %1 autosaved %2?</source>
        <translation>Quantscope 上次未正常关闭。是否恢复 %1 未保存的工作（自动保存于 %2）？</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="135"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="136"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/studio/projectactions.cpp" line="137"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
</context>
<context>
    <name>qs::ProjectManager</name>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="43"/>
        <source>%1: its model could not be opened: %2</source>
        <translation>%1：无法打开其模型：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="106"/>
        <source>%1: the model %2 does not exist any more; put it back or edit model.path in the project.</source>
        <translation>%1：模型 %2 已不存在；请将其放回原处，或修改项目中的 model.path。</translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="143"/>
        <source>The project&apos;s strategy does not fit the model (%1); the defaults are used.</source>
        <translation>项目的量化策略与模型不符（%1）；已改用默认设置。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/projectmanager.cpp" line="151"/>
        <source>Set aside %n per-layer setting(s) for layers the model does not have: %1</source>
        <translation>
            <numerusform>已搁置 %n 项针对模型中不存在的层的逐层设置：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="182"/>
        <source>The saved calibration is out of date (model, preprocessing or calibration images changed); calibrate again.</source>
        <translation>已保存的校准结果已过期（模型、预处理或校准图像已更改）；请重新校准。</translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="260"/>
        <source>Open a model before saving a project.</source>
        <translation>请先打开模型，再保存项目。</translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="265"/>
        <source>%1 is the open model; save the project under another name.</source>
        <translation>%1 是当前打开的模型；请以其他名称保存项目。</translation>
    </message>
    <message>
        <location filename="../app/studio/projectmanager.cpp" line="271"/>
        <source>The project could not be saved: %1</source>
        <translation>无法保存项目：%1</translation>
    </message>
</context>
<context>
    <name>qs::QuantizationJobs</name>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="81"/>
        <source>Open a model first.</source>
        <translation>请先打开模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="85"/>
        <source>Choose a calibration folder first: drop a folder of images on the window or use Quantize → Calibration Folder.</source>
        <translation>请先选择校准文件夹：将图像文件夹拖放到窗口上，或使用“量化 → 校准文件夹”。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="90"/>
        <source>Choose an evaluation folder first: drop a folder of images on the Data panel or use Quantize → Evaluation Folder.</source>
        <translation>请先选择评估文件夹：将图像文件夹拖放到“数据”面板上，或使用“量化 → 评估文件夹”。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="139"/>
        <source>Calibrating</source>
        <translation>校准</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="148"/>
        <source>The data settings changed while calibrating; the calibration was dropped.</source>
        <translation>校准期间数据设置发生了变化；本次校准结果已丢弃。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="159"/>
        <source>Evaluating</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="176"/>
        <source>The strategy changed while evaluating; those results were dropped. Evaluate again to measure the current strategy.</source>
        <translation>评估期间量化策略发生了变化；这些结果已丢弃。请重新评估以衡量当前策略。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="187"/>
        <source>Measuring sensitivity</source>
        <translation>灵敏度测量</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="197"/>
        <source>The strategy changed while measuring sensitivity; those results were dropped.</source>
        <translation>测量灵敏度期间量化策略发生了变化；这些结果已丢弃。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="206"/>
        <source>%1 is the open model; export to another file.</source>
        <translation>%1 是当前打开的模型；请导出到其他文件。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="219"/>
        <location filename="../app/studio/quantizationjobs.cpp" line="285"/>
        <source>The report %1 would overwrite the model; choose another name.</source>
        <translation>报告 %1 会覆盖模型；请选择其他名称。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="222"/>
        <source>Exporting</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="250"/>
        <source>Comparing %1</source>
        <translation>比较 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="272"/>
        <source>Evaluate the current strategy first: the report shows its evaluation.</source>
        <translation>请先评估当前策略：报告展示的是其评估结果。</translation>
    </message>
    <message>
        <location filename="../app/studio/quantizationjobs.cpp" line="303"/>
        <source>Writing the report</source>
        <translation>写出报告</translation>
    </message>
</context>
<context>
    <name>qs::ResultsPanels</name>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="38"/>
        <source>No single cause found</source>
        <translation>未找到单一原因</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="40"/>
        <source>The range clips too much</source>
        <translation>范围截断过多</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="41"/>
        <source>Outlier channels in the weights</source>
        <translation>权重中存在离群通道</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="42"/>
        <source>A few values set the range</source>
        <translation>少数数值决定了范围</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="43"/>
        <source>At the input or output of the network</source>
        <translation>位于网络的输入或输出处</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="44"/>
        <source>Concatenated with very different ranges</source>
        <translation>与范围差异很大的张量拼接</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="45"/>
        <source>Too few bits for the weights</source>
        <translation>权重位数过少</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="75"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="76"/>
        <source>Layer error</source>
        <translation>逐层误差</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="77"/>
        <source>Strategies</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="82"/>
        <source>Colour graph by:</source>
        <translation>计算图着色依据：</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="85"/>
        <source>Operator type</source>
        <translation>算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="86"/>
        <source>Cumulative SQNR</source>
        <translation>累积 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="87"/>
        <source>Isolated SQNR</source>
        <translation>单层 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="88"/>
        <source>Weight SQNR</source>
        <translation>权重 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="90"/>
        <source>Cumulative: every layer quantized, measured at the layer&apos;s output. Isolated: only this layer quantized, measured at the model output (Quantize → Sensitivity). Weight: the weight alone.</source>
        <translation>累积：所有层都量化，在该层输出处测量。单层：仅量化该层，在模型输出处测量（量化 → 灵敏度）。权重：仅权重本身。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="174"/>
        <source>Evaluate (Quantize → Evaluate) to compare float and quantized accuracy.</source>
        <translation>请先评估（量化 → 评估）以比较浮点与量化的准确率。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="192"/>
        <source>Evaluate to measure the error of every layer; Sensitivity adds the isolated error.</source>
        <translation>评估可测量每一层的误差；灵敏度分析会额外给出单层误差。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="217"/>
        <source>Every strategy you evaluate appears here, by size and accuracy; click one to go back to it.</source>
        <translation>您评估过的每个策略都会按大小和准确率显示在此处；单击其中一个即可恢复到该策略。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="222"/>
        <source>top-1 accuracy</source>
        <translation>top-1 准确率</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="222"/>
        <source>top-1 agreement with float</source>
        <translation>与浮点的 top-1 一致率</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="249"/>
        <source>The diagnosis failed: %1</source>
        <translation>诊断失败：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="283"/>
        <source>This fix is no longer offered.</source>
        <translation>此修复已不再可用。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="294"/>
        <source>Previewing a fix of %1</source>
        <translation>预览 %1 的修复</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="339"/>
        <location filename="../app/studio/resultspanels.cpp" line="350"/>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="340"/>
        <source>Evaluate the current strategy first (Quantize → Evaluate): the report shows its evaluation.</source>
        <translation>请先评估当前策略（量化 → 评估）：报告展示的是其评估结果。</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="351"/>
        <source>HTML reports (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="377"/>
        <source>cumulative SQNR %1</source>
        <translation>累积 SQNR %1</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="380"/>
        <source>isolated SQNR %1</source>
        <translation>单层 SQNR %1</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="383"/>
        <source>top-1 with only this layer quantized %1 %</source>
        <translation>仅量化该层时的 top-1 %1%</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="385"/>
        <source>weight SQNR %1</source>
        <translation>权重 SQNR %1</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="401"/>
        <source>cumulative SQNR</source>
        <translation>累积 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="407"/>
        <source>isolated SQNR</source>
        <translation>单层 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="412"/>
        <source>weight SQNR</source>
        <translation>权重 SQNR</translation>
    </message>
    <message>
        <location filename="../app/studio/resultspanels.cpp" line="432"/>
        <source>Measuring weight SQNR</source>
        <translation>权重 SQNR 测量</translation>
    </message>
</context>
<context>
    <name>qs::SetLayerRangeCommand</name>
    <message>
        <location filename="../app/studio/commands/setlayerrangecommand.cpp" line="15"/>
        <source>Set range method of %1 to %2</source>
        <translation>将 %1 的范围方法设为 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/commands/setlayerrangecommand.cpp" line="17"/>
        <source>Set range method of %n layers to %1</source>
        <translation>
            <numerusform>将 %n 个层的范围方法设为 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qs::SetLayerSchemeCommand</name>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="27"/>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="29"/>
        <source>bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="31"/>
        <source>granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="33"/>
        <source>range mode</source>
        <translation>范围模式</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="35"/>
        <source>signedness</source>
        <translation>有无符号</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="43"/>
        <source>weight %1</source>
        <translation>权重%1</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="44"/>
        <source>activation %1</source>
        <translation>激活%1</translation>
    </message>
    <message>
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="46"/>
        <source>Set %1 of %2</source>
        <translation>设置 %2 的%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/commands/setlayerschemecommand.cpp" line="48"/>
        <source>Set %1 of %n layers</source>
        <translation>
            <numerusform>设置 %n 个层的%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qs::SettingsDialog</name>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="40"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="43"/>
        <source>Save the preferences and close.</source>
        <translation>保存首选项并关闭。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="44"/>
        <source>Close without changing anything.</source>
        <translation>关闭且不做任何更改。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="46"/>
        <source>Set every control to its default; nothing is saved until you press OK.</source>
        <translation>将所有控件恢复为默认值；按“确定”之前不会保存。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="63"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="68"/>
        <source>All cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="69"/>
        <source>Threads used by calibration, evaluation, sensitivity and export (0 = all cores). A change applies from the next job; a running job keeps its threads.</source>
        <translation>校准、评估、灵敏度分析和导出使用的线程数（0 = 全部核心）。更改从下一个任务起生效；正在运行的任务保持原线程数。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="71"/>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="76"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="79"/>
        <location filename="../app/studio/settingsdialog.cpp" line="86"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="80"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="81"/>
        <source>Chinese (Simplified) — 简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="82"/>
        <source>Language of menus and messages. Takes effect when Quantscope is restarted.</source>
        <translation>菜单和消息的语言。重新启动 Quantscope 后生效。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="83"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="84"/>
        <source>The language takes effect when Quantscope is restarted.</source>
        <translation>语言设置在重新启动 Quantscope 后生效。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="87"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="88"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="89"/>
        <source>Colours of the window: follow the system, or always light or dark.</source>
        <translation>窗口配色：跟随系统，或始终为浅色或深色。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="90"/>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="95"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="101"/>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="102"/>
        <source>A layer whose output SQNR is below this counts as weak; the Layers table marks its SQNR.</source>
        <translation>输出 SQNR 低于此值的层视为薄弱层；“层”表格会标记其 SQNR。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="104"/>
        <source>&amp;Weak layer SQNR below:</source>
        <translation>薄弱层 SQNR 低于(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="107"/>
        <source>Layer Sensitivity measures each layer on at most this many of the first evaluation images: more is more precise and slower.</source>
        <translation>逐层灵敏度分析时，每层最多使用前这么多张评估图像：越多越精确，但也越慢。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="109"/>
        <source>&amp;Sensitivity images:</source>
        <translation>灵敏度图像数(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="114"/>
        <source>Default folders</source>
        <translation>默认文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="116"/>
        <source>&amp;Models:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="116"/>
        <source>Where Open Model starts.</source>
        <translation>“打开模型”的起始文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="118"/>
        <source>&amp;Data:</source>
        <translation>数据(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="118"/>
        <source>Where the calibration and evaluation folder choosers start.</source>
        <translation>选择校准和评估文件夹时的起始文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="119"/>
        <source>&amp;Output:</source>
        <translation>输出(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="119"/>
        <source>Where Export Quantized Model starts.</source>
        <translation>“导出量化模型”的起始文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="120"/>
        <source>Leave a folder empty to start in the last folder used.</source>
        <translation>留空则从上次使用的文件夹开始。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="127"/>
        <source>Last folder used</source>
        <translation>上次使用的文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="129"/>
        <source>Empty: the last folder used.</source>
        <translation>留空：使用上次使用的文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="130"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="131"/>
        <source>Choose the folder.</source>
        <translation>选择文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/settingsdialog.cpp" line="134"/>
        <source>Default Folder</source>
        <translation>默认文件夹</translation>
    </message>
</context>
<context>
    <name>qs::ShortcutsDialog</name>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="49"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="51"/>
        <source>Filter by action or key…</source>
        <translation>按操作或按键筛选…</translation>
    </message>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="52"/>
        <source>Shows only the actions whose name or shortcut contains this text</source>
        <translation>仅显示名称或快捷键包含此文本的操作</translation>
    </message>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="56"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="56"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../app/studio/shortcutsdialog.cpp" line="89"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>qs::StrategyEditor</name>
    <message>
        <location filename="../app/studio/strategyeditor.cpp" line="95"/>
        <source>Set range method %1</source>
        <translation>设置范围方法 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/strategyeditor.cpp" line="107"/>
        <source>Change preprocessing</source>
        <translation>修改预处理</translation>
    </message>
    <message>
        <location filename="../app/studio/strategyeditor.cpp" line="114"/>
        <source>Load config %1</source>
        <translation>加载配置 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/strategyeditor.cpp" line="124"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/strategyeditor.cpp" line="133"/>
        <source>Restore strategy %1</source>
        <translation>恢复策略 %1</translation>
    </message>
</context>
<context>
    <name>qs::StrategyTrials</name>
    <message>
        <location filename="../app/studio/strategytrials.cpp" line="20"/>
        <source> per-channel</source>
        <translation> 逐通道</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/strategytrials.cpp" line="33"/>
        <source> · %n override(s)</source>
        <translation>
            <numerusform> · %n 项逐层覆盖</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/strategytrials.cpp" line="37"/>
        <source> · %n kept float</source>
        <translation>
            <numerusform> · %n 项保持浮点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qs::TaskProgressWidget</name>
    <message>
        <location filename="../app/studio/taskprogresswidget.cpp" line="24"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/studio/taskprogresswidget.cpp" line="25"/>
        <source>Stop the running job; nothing is changed</source>
        <translation>停止正在运行的任务；不做任何更改</translation>
    </message>
    <message>
        <location filename="../app/studio/taskprogresswidget.cpp" line="53"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/taskprogresswidget.cpp" line="54"/>
        <source>%1 s, about %2 s left</source>
        <translation>%1 秒，约剩 %2 秒</translation>
    </message>
</context>
<context>
    <name>qs::TaskReporter</name>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="47"/>
        <source>%1 finished in %2 s</source>
        <translation>%1 已完成，用时 %2 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="53"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="59"/>
        <source>%1 cancelled; nothing was changed.</source>
        <translation>%1 已取消；未做任何更改。</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="73"/>
        <source>Exported %1 (plan: %2)</source>
        <translation>已导出 %1（量化计划：%2）</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="74"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="77"/>
        <source>Wrote the report %1 and %2</source>
        <translation>已写出报告 %1 和 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="78"/>
        <source>Wrote the report %1</source>
        <translation>已写出报告 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/taskreporter.cpp" line="81"/>
        <location filename="../app/studio/taskreporter.cpp" line="82"/>
        <source>Edit refused: %1</source>
        <translation>编辑被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>qs::TaskRunner</name>
    <message>
        <location filename="../app/studio/taskrunner.cpp" line="113"/>
        <source>not enough memory</source>
        <translation>内存不足</translation>
    </message>
</context>
<context>
    <name>qs::TensorPreview</name>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="108"/>
        <source>The image and the shape of the tensor shown</source>
        <translation>所显示的图像及其张量形状</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="113"/>
        <source>Why these values may not be what the model expects</source>
        <translation>这些数值为何可能不符合模型的预期</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="126"/>
        <source>Each channel of the tensor, its minimum shown black and its maximum white</source>
        <translation>张量的各个通道，最小值显示为黑色，最大值显示为白色</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="145"/>
        <source>Cannot show a tensor of shape %1 with %2 values: expected [C, H, W] or [H, W, C]</source>
        <translation>无法显示形状为 %1、含 %2 个值的张量：应为 [C, H, W] 或 [H, W, C]</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="158"/>
        <source>channel %1: min %2, max %3, mean %4</source>
        <translation>通道 %1：最小值 %2，最大值 %3，均值 %4</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="162"/>
        <source>%1 — %2 %3</source>
        <translation>%1 — %2 %3</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="178"/>
        <source>Choose an image to see the tensor the model gets for it</source>
        <translation>选择一张图像以查看模型从中得到的张量</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="211"/>
        <source>Channel %1, %2×%3 values</source>
        <translation>通道 %1，%2×%3 个值</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="213"/>
        <source>Statistics of channel %1 over all finite values</source>
        <translation>通道 %1 所有有限值的统计</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="247"/>
        <source>%1 of %2 values are not finite (NaN or infinity)</source>
        <translation>%2 个值中有 %1 个不是有限值（NaN 或无穷大）</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="254"/>
        <source>Every value is %1: the image may be blank or the preprocessing wrong</source>
        <translation>所有值均为 %1：图像可能是空白的，或预处理有误</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="259"/>
        <source>Values reach %1, which looks like unscaled 0-255 pixels: right only if the model expects raw pixels, otherwise check the scale (e.g. 1/255)</source>
        <translation>数值达到 %1，看起来像未缩放的 0-255 像素：仅当模型期望原始像素时才正确，否则请检查缩放系数（例如 1/255）</translation>
    </message>
    <message>
        <location filename="../widgets/tensorpreview.cpp" line="265"/>
        <source>No value is negative although a mean is subtracted: check that the mean was applied and fits the scale (ImageNet&apos;s mean is for values in [0, 1])</source>
        <translation>虽然减去了均值，却没有任何负值：请检查均值是否已应用且与缩放系数匹配（ImageNet 的均值适用于 [0, 1] 范围内的值）</translation>
    </message>
</context>
</TS>
