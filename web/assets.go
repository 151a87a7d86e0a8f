package web

import (
	"embed"
	"net/http"
	"path"
	"strings"
)

// The page and its assets are compiled in: the view needs no file beside
// the binary and no network. assets/ holds plain HTML, CSS and JavaScript,
// no library.
//
//go:embed assets
var assets embed.FS

// asset serves static/NAME from assets/: the script and the style sheet,
// nothing else (no directory listing).
func asset(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	if ext := path.Ext(name); strings.Contains(name, "/") || (ext != ".js" && ext != ".css") {
		writeError(w, http.StatusNotFound, "no asset %q", name)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, assets, "assets/"+name)
}

func page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeFileFS(w, r, assets, "assets/index.html")
}
