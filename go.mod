module github.com/bodasadallah/boda-blog

go 1.26

require github.com/gohugoio/hugo-mod-jslibs-dist/popperjs/v2 v2.21100.20000 // indirect
