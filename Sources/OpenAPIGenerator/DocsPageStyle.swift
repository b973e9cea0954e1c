/// The docs page's inline style and script: fixed text, no spec content, nothing fetched from elsewhere
/// (the server's Content-Security-Policy forbids any external resource).
enum DocsPageStyle {
    static let css = """
        :root{--ink:#1d2330;--muted:#5f6b7a;--line:#e3e7ee;--soft:#f6f8fb;--accent:#2457c5;--code:#f3f5f9}
        *{box-sizing:border-box}
        html{scroll-padding-top:16px}
        body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;
          display:flex}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        code,pre{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
        p code,td code,dd code,.chip code{background:var(--code);padding:1px 5px;border-radius:4px}
        .toc{position:sticky;top:0;height:100vh;overflow:auto;width:290px;flex:none;background:var(--soft);border-right:1px solid var(--line);
          padding:20px 16px}
        .brand{font-weight:700;font-size:17px;margin-bottom:12px}
        .version{font-weight:500;font-size:12px;color:var(--muted);background:#fff;border:1px solid var(--line);border-radius:10px;padding:1px 8px;
          vertical-align:middle}
        #filter{width:100%;padding:7px 10px;border:1px solid #cdd4df;border-radius:6px;font:inherit;margin-bottom:12px;background:#fff}
        .toc-group{margin-bottom:14px}
        .toc-tag{display:block;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin-bottom:4px}
        .toc ul{list-style:none;margin:0;padding:0}
        .toc li a{display:flex;gap:8px;align-items:baseline;padding:3px 6px;border-radius:5px;color:var(--ink);font-size:13px}
        .toc li a:hover{background:#e9eef6;text-decoration:none}
        .toc-path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
        main{flex:1;min-width:0;max-width:1060px;padding:28px 44px 80px}
        h1{font-size:30px;margin:0 0 8px}
        h2{font-size:22px;margin:40px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line);text-transform:capitalize}
        h3{font-size:17px;margin:0 0 6px;display:flex;flex-wrap:wrap;gap:10px;align-items:center}
        h4{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:18px 0 6px}
        .intro p{max-width:760px}.links{color:var(--muted)}.muted{color:var(--muted);font-weight:400}
        .schemes dt{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}.schemes dd{margin:2px 0 10px 0}.schemes dd p{margin:4px 0}
        .op,.schema{border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:16px 0;background:#fff;
          box-shadow:0 1px 2px rgba(20,30,50,.04)}
        .op .path{font-size:15px;font-weight:600;background:none;padding:0}
        .summary{margin:2px 0 4px;font-size:15px}
        .meta{margin:0;color:var(--muted);font-size:13px}
        .method{display:inline-block;min-width:54px;text-align:center;font:700 11px/1.9 ui-monospace,Menlo,Consolas,monospace;border-radius:4px;
          color:#fff;padding:0 6px}
        .get{background:#2f6fdb}.post{background:#1f9d55}.put{background:#c77700}.patch{background:#0f8a8a}.delete{background:#cf3a3a}
        .head,.options,.trace{background:#6b7280}
        .auth{margin:8px 0 0;font-size:13px;padding:6px 10px;border-radius:6px;display:inline-block}
        .auth.required{background:#fff6e5;border:1px solid #f3d9a6}.auth.none{background:#eef8f1;border:1px solid #cbe8d4}
        .lock{display:inline-block;width:9px;height:7px;background:#b7791f;border-radius:1px;margin-right:7px;position:relative;top:-1px}
        .lock:before{content:"";position:absolute;left:1px;top:-5px;width:5px;height:5px;border:1.5px solid #b7791f;border-bottom:0;
          border-radius:4px 4px 0 0}
        table.fields{width:100%;border-collapse:collapse;font-size:13.5px;margin:6px 0}
        .fields th{text-align:left;font-weight:600;color:var(--muted);border-bottom:1px solid var(--line);padding:6px 8px;background:var(--soft)}
        .fields td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}.fields td p{margin:0}
        .name{font-weight:600;background:none!important;padding:0!important}
        .req{font-size:11px;color:#b42318;font-weight:600;margin-left:4px}
        .type{color:#6941c6;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}.format{color:var(--muted);font-size:12px}
        .chip{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:5px;padding:0 6px;margin:1px 2px 1px 0;
          font-size:12px;white-space:nowrap}
        .kw{color:var(--muted)}
        dl.responses{margin:0}.responses dt{float:left;clear:left;width:60px;margin-top:2px}.responses dd{margin:0 0 8px 64px;min-height:24px}
        .responses dd p{margin:0 0 3px}
        .status{display:inline-block;font:700 12px/1.8 ui-monospace,Menlo,Consolas,monospace;padding:0 7px;border-radius:4px}
        .s2{background:#e6f6ec;color:#1a7f43}.s3{background:#e8f0fe;color:#2457c5}.s4{background:#fff3e0;color:#b25e00}
        .s5{background:#fdecec;color:#b42318}.sd{background:#eef0f3;color:#444}
        .media,.headers{font-size:13px;color:var(--muted)}
        pre.example{background:#0f172a;color:#e2e8f0;border-radius:8px;padding:12px 14px;overflow:auto;margin:6px 0 0}
        .badge.deprecated{font-size:11px;background:#fdecec;color:#b42318;border-radius:4px;padding:1px 6px}
        .hidden{display:none}
        @media (max-width:860px){body{display:block}.toc{position:static;width:auto;height:auto}main{padding:20px}}
        """

    /// Filters the contents and the operations by what is typed; shows the examples with this server's origin.
    static let script = """
        (function(){
          var input=document.getElementById('filter');
          input.addEventListener('input',function(){
            var q=input.value.trim().toLowerCase();
            document.querySelectorAll('[data-search]').forEach(function(e){
              e.classList.toggle('hidden',q!==''&&e.getAttribute('data-search').indexOf(q)<0);
            });
          });
          if(location.protocol==='http:'||location.protocol==='https:'){
            document.querySelectorAll('pre.example code').forEach(function(e){
              e.textContent=e.textContent.replace(/'https?:\\/\\/[^\\/']+/,"'"+location.origin);
            });
          }
        })();
        """
}
