import { Inject, Injectable } from '@nestjs/common';
import { AnswerRequests } from '@docpipe/events';
import { RenderPageImage, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { PageImagesService } from './page-images.service';

@Injectable()
export class RenderPageImageHandler {
  constructor(@Inject(PageImagesService) private readonly pages: PageImagesService) {}

  @AnswerRequests(RenderPageImage)
  handle(request: RequestOf<typeof RenderPageImage>): Promise<ResponseOf<typeof RenderPageImage>> {
    return this.pages.render(RenderPageImage.request.parse(request));
  }
}
