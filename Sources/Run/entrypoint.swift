import App
import Foundation

@main
enum Entrypoint {
    static func main() async {
        exit(await CanyuMain.run())
    }
}
